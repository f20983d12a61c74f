import { createSingleFlight } from './singleFlight'
import type { CustomerBilling } from './types'

/**
 * Billing payloads memoised per request: every billing-derived read made with the same request key
 * (tRPC's ctx for one HTTP request or batch, or one `forCustomer` handle) shares one upstream fetch.
 * Concurrent fetches for the same customer are also merged across keys while in flight.
 */
export interface BillingCache {
  /** The memoised billing for (requestKey, externalId), or `load()`'s. */
  get(requestKey: object, externalId: string, load: () => Promise<CustomerBilling>): Promise<CustomerBilling>
  /** Forgets the memo after a write, so later reads (in this request too) see fresh data. */
  invalidate(requestKey: object, externalId: string): void
}

/** Creates an empty billing cache; memos die with their request key (a `WeakMap`). */
export function createBillingCache(): BillingCache {
  const memo = new WeakMap<object, Map<string, Promise<CustomerBilling>>>()
  const inFlight = createSingleFlight<string, CustomerBilling>()
  return {
    get(requestKey, externalId, load) {
      let byCustomer = memo.get(requestKey)
      if (!byCustomer) {
        byCustomer = new Map()
        memo.set(requestKey, byCustomer)
      }
      const known = byCustomer.get(externalId)
      if (known) return known
      const fetched = inFlight.run(externalId, load)
      byCustomer.set(externalId, fetched)
      // A failed read is not memoised: a retry in the same request fetches again.
      fetched.catch(() => {
        if (byCustomer.get(externalId) === fetched) byCustomer.delete(externalId)
      })
      return fetched
    },
    invalidate(requestKey, externalId) {
      memo.get(requestKey)?.delete(externalId)
      inFlight.forget(externalId)
    },
  }
}
