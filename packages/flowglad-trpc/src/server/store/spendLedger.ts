import type { LedgerSnapshot, ReserveRequest, ReserveResult } from './FlowgladStore'

// The ledger's rules as a pure state machine over one key. The memory store applies it under a
// per-key lock; the Redis store runs the same rules in a Lua script (see redisScripts.ts): keep the
// two in step.

/** A spend between its check and its record upstream. */
interface Hold {
  readonly amount: number
  expiresAt: number
  /** Its usage write is under way: a balance read may already include it. */
  recording: boolean
}

/** A spend Flowglad acknowledged, numbered in acknowledgement order. */
interface Recorded {
  readonly amount: number
  readonly sequence: number
  /** Every balance read that started before the record has been checked by then. */
  readonly forgetAt: number
}

/** One key's ledger. */
export interface LedgerState {
  readonly epoch: string
  sequence: number
  /** The highest sequence number forgotten: snapshots older than it cannot be checked any more. */
  forgotten: number
  readonly holds: Map<string, Hold>
  readonly recorded: Map<string, Recorded>
  /** When the key was last touched (for dropping idle ledgers). */
  touchedAt: number
}

/** A fresh ledger. */
export function createLedgerState(epoch: string, now: number): LedgerState {
  return { epoch, sequence: 0, forgotten: 0, holds: new Map(), recorded: new Map(), touchedAt: now }
}

/** Drops expired holds and recorded spends past their retention, remembering what was forgotten. */
function prune(state: LedgerState, now: number): void {
  for (const [id, hold] of state.holds) if (hold.expiresAt <= now) state.holds.delete(id)
  for (const [id, entry] of state.recorded)
    if (entry.forgetAt <= now) {
      state.recorded.delete(id)
      state.forgotten = Math.max(state.forgotten, entry.sequence)
    }
  state.touchedAt = now
}

/** The snapshot a balance read starts from. */
export function snapshotOf(state: LedgerState): LedgerSnapshot {
  return { epoch: state.epoch, sequence: state.sequence }
}

/** The ledger's decision on a reservation (mutates `state` when it holds). */
export function reserveIn(state: LedgerState, request: ReserveRequest, now: number): ReserveResult {
  prune(state, now)
  if (request.snapshot.epoch !== state.epoch || request.snapshot.sequence < state.forgotten)
    return { status: 'stale' }
  if (state.holds.has(request.id)) return { status: 'in_flight' }
  if (state.recorded.has(request.id)) return { status: 'recorded' }
  let held = 0
  let uncertain = 0
  for (const hold of state.holds.values())
    if (hold.recording) uncertain += hold.amount
    else held += hold.amount
  for (const entry of state.recorded.values())
    if (entry.sequence > request.snapshot.sequence) uncertain += entry.amount
  const available = request.balance - held - uncertain
  if (request.amount > request.balance - held) return { status: 'refused', available }
  if (request.amount > available) return { status: 'uncertain' }
  state.holds.set(request.id, {
    amount: request.amount,
    expiresAt: now + request.leaseMs,
    recording: false,
  })
  return { status: 'reserved', available: available - request.amount }
}

/** Extends a hold; false when it is gone. */
export function renewIn(state: LedgerState, id: string, leaseMs: number, now: number): boolean {
  const hold = state.holds.get(id)
  if (!hold || hold.expiresAt <= now) return false
  hold.expiresAt = now + leaseMs
  return true
}

/** Extends a live hold and marks its usage write under way; false when it is gone. */
export function confirmIn(state: LedgerState, id: string, leaseMs: number, now: number): boolean {
  if (!renewIn(state, id, leaseMs, now)) return false
  const hold = state.holds.get(id)
  if (hold) hold.recording = true
  return true
}

/** Turns a hold into a recorded spend (or records one whose hold expired: it is upstream now either way). */
export function commitIn(
  state: LedgerState,
  id: string,
  amount: number,
  retainMs: number,
  now: number,
): void {
  prune(state, now)
  state.holds.delete(id)
  state.sequence += 1
  state.recorded.set(id, { amount, sequence: state.sequence, forgetAt: now + retainMs })
  state.touchedAt = now
}

/** True when nothing is held or remembered: the ledger can be dropped (a new one gets a new epoch). */
export function isIdle(state: LedgerState, now: number): boolean {
  prune(state, now)
  return state.holds.size === 0 && state.recorded.size === 0
}
