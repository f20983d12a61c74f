import { monotonicNow } from '../engine/clock'
import type { FlowgladStore } from './FlowgladStore'
import {
  commitIn,
  confirmIn,
  createLedgerState,
  isIdle,
  type LedgerState,
  renewIn,
  reserveIn,
  snapshotOf,
} from './spendLedger'

/** Options of `createMemoryStore`. */
export interface MemoryStoreOptions {
  /** The clock (epoch ms); tests may move it. */
  readonly now?: () => number
}

/** How many ledger operations pass between two sweeps of idle ledgers (keeps memory bounded). */
const SWEEP_EVERY = 1_000

/**
 * The default store: the ledger and cache live in this process. Every operation is synchronous
 * under the hood, so it is atomic on Node's single thread: concurrent spends of one process never
 * overdraw. Processes do not see each other's spends: use `createRedisStore` for more than one.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): FlowgladStore {
  const now = options.now ?? monotonicNow
  const ledgers = new Map<string, LedgerState>()
  const values = new Map<string, { value: string; expiresAt: number }>()
  const locks = new Map<string, { owner: string; expiresAt: number }>()
  const sets = new Map<string, { members: Set<string>; expiresAt: number }>()
  let operations = 0
  const liveSet = (key: string) => {
    const entry = sets.get(key)
    if (entry && entry.expiresAt > now()) return entry
    if (entry) sets.delete(key)
    return undefined
  }
  const live = (key: string) => {
    const entry = values.get(key)
    if (entry && entry.expiresAt > now()) return entry
    if (entry) values.delete(key)
    return undefined
  }
  const sweepValues = () => {
    const at = now()
    for (const [key, entry] of values) if (entry.expiresAt <= at) values.delete(key)
  }

  const ledger = (key: string): LedgerState => {
    if (++operations % SWEEP_EVERY === 0) sweepValues()
    if (operations % SWEEP_EVERY === 0)
      for (const [other, state] of ledgers) if (other !== key && isIdle(state, now())) ledgers.delete(other)
    let state = ledgers.get(key)
    if (!state) {
      state = createLedgerState(globalThis.crypto.randomUUID(), now())
      ledgers.set(key, state)
    }
    return state
  }

  return {
    kind: 'memory',
    snapshot: async (key) => snapshotOf(ledger(key)),
    reserve: async (key, request) => reserveIn(ledger(key), request, now()),
    renew: async (key, id, leaseMs) => renewIn(ledger(key), id, leaseMs, now()),
    confirm: async (key, id, leaseMs) => confirmIn(ledger(key), id, leaseMs, now()),
    release: async (key, id) => {
      ledger(key).holds.delete(id)
    },
    commit: async (key, { id, amount, retainMs }) => commitIn(ledger(key), id, amount, retainMs, now()),
    get: async (key) => live(key)?.value,
    set: async (key, value, ttlMs) => {
      values.set(key, { value, expiresAt: now() + ttlMs })
    },
    setIfAbsent: async (key, value, ttlMs) => {
      if (++operations % SWEEP_EVERY === 0) sweepValues()
      if (live(key)) return false
      values.set(key, { value, expiresAt: now() + ttlMs })
      return true
    },
    delete: async (key) => {
      values.delete(key)
    },
    addMember: async (key, member, ttlMs) => {
      const entry = liveSet(key) ?? { members: new Set<string>(), expiresAt: 0 }
      entry.members.add(member)
      entry.expiresAt = Math.max(entry.expiresAt, now() + ttlMs)
      sets.set(key, entry)
    },
    removeMember: async (key, member) => {
      liveSet(key)?.members.delete(member)
    },
    members: async (key) => [...(liveSet(key)?.members ?? [])],
    increment: async (key, ttlMs) => {
      const next = Number(live(key)?.value ?? 0) + 1
      values.set(key, { value: String(next), expiresAt: now() + ttlMs })
      return next
    },
    tryLock: async (key, owner, ttlMs) => {
      const held = locks.get(key)
      if (held && held.expiresAt > now() && held.owner !== owner) return false
      locks.set(key, { owner, expiresAt: now() + ttlMs })
      return true
    },
    unlock: async (key, owner) => {
      if (locks.get(key)?.owner === owner) locks.delete(key)
    },
  }
}

// Bumped when `FlowgladStore` or the ledger's state changes shape: copies of the library that
// disagree then keep ledgers of their own instead of calling methods the other does not have.
const PROCESS_STORE = Symbol.for('flowglad-trpc.memoryStore.v1')

/**
 * The process's one memory store, shared by every `createFlowgladMiddleware` of every bundle: one
 * Next.js server runs route handlers and server components/actions as separate bundles, and a spend
 * through one must see the holds and idempotency records of a spend through the other (else two
 * concurrent spends, one per bundle, could both pass the balance check). Keys carry the account.
 */
export function processMemoryStore(): FlowgladStore {
  const holder = globalThis as { [PROCESS_STORE]?: FlowgladStore }
  holder[PROCESS_STORE] ??= createMemoryStore()
  return holder[PROCESS_STORE]
}
