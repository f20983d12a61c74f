import type { EmulatorStore } from '../EmulatorStore'
import type { PriceRecord, SubscriptionDetailsRecord, SubscriptionRecord } from '../records'
import { meterBalances } from '../usage/credits'
import { liveItems } from './subscriptionItems'

/** A subscription with its live items (and their prices) and the `experimental` entitlements. */
export function subscriptionDetails(
  store: EmulatorStore,
  subscription: SubscriptionRecord,
): SubscriptionDetailsRecord {
  const items = liveItems(store, subscription.id)
  const itemIds = new Set(items.map((item) => item.id))
  return {
    ...subscription,
    subscriptionItems: items.map((item) => ({
      ...item,
      price: store.catalog.pricesById.get(item.priceId ?? '') as PriceRecord,
    })),
    experimental: {
      featureItems: store.data.subscriptionItemFeatures.filter(
        (f) => itemIds.has(f.subscriptionItemId) && f.expiredAt === null,
      ),
      usageMeterBalances: meterBalances(store, subscription.id),
    },
  }
}
