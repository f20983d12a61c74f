import type { BillingCache } from '../caches/billingCache'
import { createRequestSlot } from '../caches/requestSlot'
import { type CacheGenerations, customerScope } from './cacheGenerations'

/** How long one counter read may take; past it the read counts as "changed" (a fresh fetch). */
const READ_TIMEOUT_MS = 500

/**
 * A billing cache that also honours changes announced through the shared store (a webhook received
 * by any instance bumps the customer's counter): the first read of a customer in each request
 * compares the counter with the last one this process saw and drops the customer's reuse when it
 * moved. A store that fails or is slow drops it too: an unreachable store costs a fetch, never
 * a stale answer.
 */
export function withSharedInvalidation(
  cache: BillingCache,
  generations: CacheGenerations | undefined,
): BillingCache {
  if (!generations) return cache
  const seen = new Map<string, string>()
  // On the request key, not in a WeakMap keyed by it (caches/requestSlot.ts: such values die old).
  const checked = createRequestSlot<Map<string, Promise<void>>>('flowglad-trpc.sharedChecks')
  const sync = async (externalId: string) => {
    let timer: number | NodeJS.Timeout | undefined
    const current = await Promise.race([
      generations.read(customerScope(externalId)),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(resolve, READ_TIMEOUT_MS) as number | NodeJS.Timeout
      }),
    ])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer))
    if (current !== undefined && seen.get(externalId) === current) return
    // The first sighting records the counter: answers are only stored after such a read.
    if (current !== undefined && !seen.has(externalId)) {
      seen.set(externalId, current)
      return
    }
    if (current !== undefined) seen.set(externalId, current)
    cache.invalidate(externalId)
  }
  return {
    ...cache,
    async get(requestKey, externalId, load) {
      let byCustomer = checked.get(requestKey)
      if (!byCustomer) {
        byCustomer = new Map()
        checked.set(requestKey, byCustomer)
      }
      let done = byCustomer.get(externalId)
      if (!done) {
        done = sync(externalId)
        byCustomer.set(externalId, done)
      }
      await done
      return cache.get(requestKey, externalId, load)
    },
    prime(requestKey, externalId, billing) {
      // A read of the caller's own (a spend's, after its ledger snapshot) is fresh: the request
      // need not compare the counter for it. A customer never sighted still compares it first, so
      // answers are only kept once the counter's value is known.
      if (seen.has(externalId)) {
        let byCustomer = checked.get(requestKey)
        if (!byCustomer) {
          byCustomer = new Map()
          checked.set(requestKey, byCustomer)
        }
        if (!byCustomer.has(externalId)) byCustomer.set(externalId, Promise.resolve())
      }
      cache.prime(requestKey, externalId, billing)
    },
    expectUpstreamChanges(externalId, ms) {
      cache.expectUpstreamChanges(externalId, ms)
      // A checkout session completes on Flowglad's page, not through any instance: other instances
      // (and other bundles of this process, e.g. Next.js server components beside the route
      // handler) must not answer from billing read before it. One counter bump per session; the
      // write already succeeded, so a store failure only costs them their 1 s reuse.
      generations.bump(customerScope(externalId)).catch(() => {})
    },
  }
}
