import { monotonicNow } from '../engine/clock'
import type { CustomerBilling } from '../types'
import { type BillingChanges, processBillingChanges } from './billingChanges'
import { createRequestSlot } from './requestSlot'
import { createWriteGenerations } from './writeGenerations'

/**
 * Billing payloads memoised per request: every billing-derived read made with the same request key
 * (tRPC's ctx for one HTTP request or batch, or one `forCustomer` handle) shares one upstream fetch.
 * Concurrent fetches for the same customer are also merged across keys while in flight, and a
 * customer's last answer is reused by later requests for `reuseMs`, until a write drops it: one
 * through this cache, or through any other runtime of the process (`BillingChanges`).
 */
export interface BillingCache {
  /** The memoised billing for (requestKey, externalId), or `load()`'s when none is memoised since the last write. */
  get(requestKey: object, externalId: string, load: () => Promise<CustomerBilling>): Promise<CustomerBilling>
  /**
   * Records a write to the customer: every memo of its billing, under any request key, is stale
   * from now on. A write made through another handle or request is seen too, not only this one's.
   */
  invalidate(externalId: string): void
  /** The customer's write generation: a memo taken at another generation is stale. */
  generation(externalId: string): number
  /**
   * Memoises for the request, as current, a billing answer read outside the cache (a spend's read,
   * which must start after its ledger snapshot): later reads in the request share it until the
   * customer's next write.
   */
  prime(requestKey: object, externalId: string, billing: CustomerBilling): void
  /**
   * The customer's billing may change outside this process for `ms` (a checkout session completes
   * on Flowglad's page): its answers are not reused across requests meanwhile.
   */
  expectUpstreamChanges(externalId: string, ms: number): void
}

/** Options of `createBillingCache`. */
export interface BillingCacheOptions {
  /** How long a customer's last billing answer is reused across requests; 0 turns it off. */
  readonly reuseMs: number
  /** Customers whose answers and writes are remembered at most; the oldest are dropped first. */
  readonly capacity?: number
  /** Where writes and checkouts are announced to every cache of the process; default: the process's board. */
  readonly changes?: BillingChanges
  readonly now?: () => number
}

/** A memoised read and the customer's write generation when it started. */
interface Memo {
  readonly generation: number
  readonly billing: Promise<CustomerBilling>
}

/** A memo that may serve later requests until `expiresAt`. */
interface Answer extends Memo {
  /** When its read started: a change announced after that makes it stale. */
  readonly readAt: number
  readonly expiresAt: number
}

/** Sets `key` as the newest entry of an insertion-ordered map, dropping the oldest beyond `capacity`. */
function setBounded<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): void {
  map.delete(key)
  map.set(key, value)
  if (map.size > capacity) map.delete(map.keys().next().value as K)
}

/** Creates an empty billing cache; per-request memos live on their request key and die with it. */
export function createBillingCache(options: BillingCacheOptions = { reuseMs: 0 }): BillingCache {
  const { reuseMs, capacity = 10_000, now = monotonicNow, changes = processBillingChanges() } = options
  const memo = createRequestSlot<Map<string, Memo>>('flowglad-trpc.billingMemo')
  const answers = new Map<string, Answer>()
  const inFlight = new Map<string, Promise<CustomerBilling>>()
  const writes = createWriteGenerations<string>(capacity)

  /** The last answer for the customer, if it is recent, read after every write, and no checkout is pending. */
  const reusable = (externalId: string, generation: number): Answer | undefined => {
    const answer = answers.get(externalId)
    if (!answer) return undefined
    // The generation covers this cache's own writes exactly; the board, every other runtime's.
    if (
      answer.generation === generation &&
      answer.expiresAt > now() &&
      changes.reusable(externalId, answer.readAt)
    )
      return answer
    answers.delete(externalId)
    return undefined
  }

  return {
    get(requestKey, externalId, load) {
      let byCustomer = memo.get(requestKey)
      if (!byCustomer) {
        byCustomer = new Map()
        memo.set(requestKey, byCustomer)
      }
      // Taken before the fetch starts: a write landing while it is in flight makes it stale too.
      const generation = writes.current(externalId)
      const known = byCustomer.get(externalId)
      if (known?.generation === generation) return known.billing
      const requestMemo = byCustomer
      const reused = reusable(externalId, generation)
      if (reused) {
        // Only successful answers are reused: nothing to undo on failure.
        requestMemo.set(externalId, reused)
        return reused.billing
      }
      // Concurrent fetches for the customer are merged (single flight) until one settles.
      const running = inFlight.get(externalId)
      const billing = running ?? load()
      const entry: Memo = { generation, billing }
      requestMemo.set(externalId, entry)
      if (running) {
        // A failed read is not memoised: a retry in the same request fetches again.
        billing.catch(() => {
          if (requestMemo.get(externalId) === entry) requestMemo.delete(externalId)
        })
        return billing
      }
      inFlight.set(externalId, billing)
      const startedAt = now()
      // One reaction for everything the fetch's end decides (each one more costs ~1 µs of a read,
      // bench/server/engine). The entry is released first, so callers resume with the key free.
      const release = () => {
        // Only our own entry: `invalidate` + a newer fetch may have replaced it.
        if (inFlight.get(externalId) === billing) inFlight.delete(externalId)
      }
      billing.then(
        () => {
          release()
          // Reuse is timed from when the read started: it can only be older than the data, never newer.
          if (reuseMs > 0 && writes.current(externalId) === generation)
            setBounded(
              answers,
              externalId,
              { ...entry, readAt: startedAt, expiresAt: startedAt + reuseMs },
              capacity,
            )
        },
        () => {
          release()
          if (requestMemo.get(externalId) === entry) requestMemo.delete(externalId)
        },
      )
      return billing
    },
    invalidate(externalId) {
      writes.bump(externalId)
      changes.changed(externalId, now())
      answers.delete(externalId)
      // Readers arriving after the write must not join a fetch that started before it.
      inFlight.delete(externalId)
    },
    generation: (externalId) => writes.current(externalId),
    prime(requestKey, externalId, billing) {
      const generation = writes.current(externalId)
      const byCustomer = memo.get(requestKey) ?? new Map<string, Memo>()
      memo.set(requestKey, byCustomer)
      byCustomer.set(externalId, { generation, billing: Promise.resolve(billing) })
    },
    expectUpstreamChanges(externalId, ms) {
      changes.unsettledUntil(externalId, now() + ms)
      answers.delete(externalId)
    },
  }
}
