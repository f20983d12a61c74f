import { createSingleFlight } from './singleFlight'
import type { CustomerBilling } from './types'
import { createWriteGenerations } from './writeGenerations'

/**
 * Billing payloads memoised per request: every billing-derived read made with the same request key
 * (tRPC's ctx for one HTTP request or batch, or one `forCustomer` handle) shares one upstream fetch.
 * Concurrent fetches for the same customer are also merged across keys while in flight.
 */
export interface BillingCache {
  /** The memoised billing for (requestKey, externalId), or `load()`'s when none is memoised since the last write. */
  get(requestKey: object, externalId: string, load: () => Promise<CustomerBilling>): Promise<CustomerBilling>
  /**
   * Records a write to the customer: every memo of its billing, under any request key, is stale
   * from now on. A write made through another handle or request is seen too, not only this one's.
   */
  invalidate(externalId: string): void
}

/** A memoised read and the customer's write generation when it started. */
interface Memo {
  readonly generation: number
  readonly billing: Promise<CustomerBilling>
}

/** Creates an empty billing cache; memos die with their request key (a `WeakMap`). */
export function createBillingCache(): BillingCache {
  const memo = new WeakMap<object, Map<string, Memo>>()
  const inFlight = createSingleFlight<string, CustomerBilling>()
  const writes = createWriteGenerations<string>()
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
      const entry: Memo = { generation, billing: inFlight.run(externalId, load) }
      byCustomer.set(externalId, entry)
      // A failed read is not memoised: a retry in the same request fetches again.
      entry.billing.catch(() => {
        if (byCustomer.get(externalId) === entry) byCustomer.delete(externalId)
      })
      return entry.billing
    },
    invalidate(externalId) {
      writes.bump(externalId)
      // Readers arriving after the write must not join a fetch that started before it.
      inFlight.forget(externalId)
    },
  }
}
