import type { FlowgladAccount } from '../engine/flowgladAccount'
import { keyOf } from '../engine/flowgladAccount'
import type { FlowgladStore } from '../store/FlowgladStore'
import { FlowgladRefusalError } from './FlowgladRefusalError'

// A spend's idempotency key, made safe to expose to clients:
// - the key is claimed in the store before the handler runs, bound to a digest of the amount and
//   the input: the same key with another amount or input is refused (CONFLICT, idempotency_key_reused);
// - a repeat while the first call runs, or after it was paid for, is refused (CONFLICT,
//   duplicate_request) and never runs the handler. It does not replay the first result: results
//   are whatever the handler returns (Dates, streams, a transformer's types) and may be private, so
//   the store keeps only the fact that the call happened. The client reads the state it left;
// - the claim lives as long as the hold while the handler runs (a crashed call frees the key after
//   the lease), then `windowMs` (24 h by default) once paid for;
// - the transactionId is an HMAC under the server's secret: a client cannot predict it.

/** How a spend names its call, so a retried request is counted once. */
export interface SpendKeyOptions<TContext, TInput> {
  /**
   * The call's idempotency key (e.g. from an `Idempotency-Key` header on the context, or a field
   * the client sends). Default: the input's `idempotencyKey` or `transactionId` string field, else
   * none (each call is a new spend). A repeated key is refused with CONFLICT; see the README.
   */
  readonly idempotencyKey?: (opts: {
    input: TInput
    ctx: TContext
    path: string
  }) => string | null | undefined
}

/** How long a paid-for key is remembered by default: 24 hours. */
export const DEFAULT_IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60_000

/** The input's own key field, when it has one. */
export function keyFromInput(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined
  for (const field of ['idempotencyKey', 'transactionId'] as const) {
    const value = (input as Record<string, unknown>)[field]
    if (typeof value === 'string' && value.length > 0) return value
  }
  return undefined
}

/** JSON with sorted object keys, so equal inputs digest equally whatever their key order. */
function canonicalJson(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_key, inner: unknown) =>
        inner && typeof inner === 'object' && !Array.isArray(inner)
          ? Object.fromEntries(
              Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
            )
          : typeof inner === 'bigint'
            ? inner.toString()
            : inner,
      ) ?? 'undefined'
    )
  } catch {
    return String(value)
  }
}

/** What the store holds under a key. */
interface ClaimRecord {
  readonly state: 'in_progress' | 'completed'
  readonly binding: string
  readonly owner: string
}

/** A claimed key: only its owner may complete or drop it. */
export interface SpendClaim {
  readonly recordKey: string
  readonly record: ClaimRecord
}

/** What identifies one spend. */
export interface SpendCall {
  readonly account: FlowgladAccount
  readonly customerExternalId: string
  readonly meter: string
  readonly path: string
}

/** The spend's transactionId: an HMAC of customer, meter, path and key (a fresh random key when none). */
export async function spendTransactionId(call: SpendCall, clientKey: string | undefined): Promise<string> {
  const key = clientKey ?? `random:${globalThis.crypto.randomUUID()}`
  const mac = await call.account.sign(['spend', call.customerExternalId, call.meter, call.path, key])
  return `spend_${mac.slice(0, 40)}`
}

/** Parses a stored record, or undefined. */
function parseRecord(value: string | undefined): ClaimRecord | undefined {
  if (value === undefined) return undefined
  try {
    return JSON.parse(value) as ClaimRecord
  } catch {
    return undefined
  }
}

/** Claims `clientKey` for this call, or refuses a repeat (CONFLICT) before anything runs. */
export async function claimKey(
  store: FlowgladStore,
  call: SpendCall & { readonly clientKey: string; readonly amount: number; readonly input: unknown },
  leaseMs: number,
): Promise<SpendClaim> {
  const recordKey = `idempotency:${call.account.namespace}:${keyOf(call.customerExternalId, call.meter, call.path, call.clientKey)}`
  const binding = await call.account.digest([String(call.amount), canonicalJson(call.input)])
  const record: ClaimRecord = { state: 'in_progress', binding, owner: globalThis.crypto.randomUUID() }
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await store.setIfAbsent(recordKey, JSON.stringify(record), leaseMs)) return { recordKey, record }
    const existing = parseRecord(await store.get(recordKey))
    if (!existing) continue // expired between the two calls: claim again
    if (existing.binding !== binding)
      throw new FlowgladRefusalError(
        { reason: 'idempotency_key_reused' },
        'This idempotency key was already used for a different request.',
      )
    throw new FlowgladRefusalError(
      { reason: 'duplicate_request', state: existing.state },
      existing.state === 'completed'
        ? 'This request was already processed.'
        : 'This request is already being processed.',
    )
  }
  throw new FlowgladRefusalError(
    { reason: 'duplicate_request', state: 'in_progress' },
    'This request is already being processed.',
  )
}

/** True while the claim is still this call's (it did not expire and get taken by a repeat). */
export async function ownsClaim(store: FlowgladStore, claim: SpendClaim): Promise<boolean> {
  return parseRecord(await store.get(claim.recordKey))?.owner === claim.record.owner
}

/** Extends a running claim with the hold's lease. */
export async function keepClaim(store: FlowgladStore, claim: SpendClaim, leaseMs: number): Promise<void> {
  if (await ownsClaim(store, claim)) await store.set(claim.recordKey, JSON.stringify(claim.record), leaseMs)
}

/** Marks the key paid for: repeats are refused as `completed` for `windowMs`. */
export async function completeClaim(
  store: FlowgladStore,
  claim: SpendClaim,
  windowMs: number,
): Promise<void> {
  const record: ClaimRecord = { ...claim.record, state: 'completed' }
  await store.set(claim.recordKey, JSON.stringify(record), windowMs)
}

/** Frees the key (the handler failed or the spend was refused): a retry may run. */
export async function dropClaim(store: FlowgladStore, claim: SpendClaim): Promise<void> {
  if (await ownsClaim(store, claim)) await store.delete(claim.recordKey)
}
