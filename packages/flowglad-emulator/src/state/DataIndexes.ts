import type { EmulatorData } from './EmulatorData'
import { GroupIndex, KeySet, UniqueIndex } from './RecordIndex'
import { propertiesCombination } from './usage/usageProperties'

/** The key of a meter balance: one per subscription and usage meter. */
export const meterBalanceKey = (subscriptionId: string, usageMeterId: string) =>
  `${subscriptionId}\u0000${usageMeterId}`

/**
 * The key of a property combination seen on a usage meter in a billing period (Flowglad's
 * `countDistinctPropertiesCombinationKey`). Ids hold no NUL and the combination comes last, so
 * the parts cannot run into each other.
 */
export const distinctCombinationKey = (usageMeterId: string, billingPeriodId: string, combination: string) =>
  `${usageMeterId}\u0000${billingPeriodId}\u0000${combination}`

/**
 * Every lookup the store answers without scanning, over the current `EmulatorData` (read through
 * `data()` each time, so a reset or restore that replaces it is followed). Keys are fields set when
 * a record is made and never changed; see RecordIndex.ts for what keeps these in step with writes.
 */
export function createDataIndexes(data: () => EmulatorData) {
  return {
    customersById: new UniqueIndex(
      () => data().customers,
      (c) => c.id,
    ),
    customersByExternalId: new GroupIndex(
      () => data().customers,
      (c) => c.externalId,
    ),
    subscriptionsById: new UniqueIndex(
      () => data().subscriptions,
      (s) => s.id,
    ),
    subscriptionsByCustomer: new GroupIndex(
      () => data().subscriptions,
      (s) => s.customerId,
    ),
    subscriptionItemsBySubscription: new GroupIndex(
      () => data().subscriptionItems,
      (i) => i.subscriptionId,
    ),
    meterBalances: new UniqueIndex(
      () => data().meterBalances,
      (b) => meterBalanceKey(b.subscriptionId, b.usageMeterId),
    ),
    meterBalancesBySubscription: new GroupIndex(
      () => data().meterBalances,
      (b) => b.subscriptionId,
    ),
    usageEventsById: new UniqueIndex(
      () => data().usageEvents,
      (e) => e.id,
    ),
    // Flowglad's unique index is (transactionId, usage meter); grouped by transactionId alone, so the
    // key is the record's own string rather than a new one kept per event.
    usageEventsByTransaction: new GroupIndex(
      () => data().usageEvents,
      (e) => e.transactionId,
    ),
    // Every event in a billing period, whatever its meter's aggregation now: a meter switched to
    // count_distinct_properties mid-period sees the combinations recorded before (Flowglad selects
    // the period's events by meter, not by aggregation). Built on the first count_distinct write.
    distinctCombinations: new KeySet(
      () => data().usageEvents,
      (e) =>
        e.billingPeriodId === null
          ? null
          : distinctCombinationKey(e.usageMeterId, e.billingPeriodId, propertiesCombination(e.properties)),
    ),
    invoicesByCustomer: new GroupIndex(
      () => data().invoices,
      (i) => i.customerId,
    ),
    invoiceLineItemsByInvoice: new GroupIndex(
      () => data().invoiceLineItems,
      (l) => l.invoiceId,
    ),
    purchasesByCustomer: new GroupIndex(
      () => data().purchases,
      (p) => p.customerId,
    ),
    paymentMethodsByCustomer: new GroupIndex(
      () => data().paymentMethods,
      (pm) => pm.customerId,
    ),
  }
}

/** The store's indexes (see `createDataIndexes`). */
export type DataIndexes = ReturnType<typeof createDataIndexes>
