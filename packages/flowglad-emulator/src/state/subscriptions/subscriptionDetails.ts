import type { EmulatorStore } from '../EmulatorStore'
import type { PriceRecord, SubscriptionDetailsRecord, SubscriptionRecord } from '../records'
import { meterBalances } from '../usage/credits'
import { liveItems } from './subscriptionItems'

/**
 * Details built since the store last changed, per store and subscription record. Details are a pure
 * function of `store.data` and the catalog, and every write ends with `store.changed()`, which
 * empties the store's cache; so a billing read rebuilds a subscription (and the answer reuses its
 * JSON, `http/ResponseJson.ts`) only after a write. Readers must not mutate what they get.
 */
const cachedByStore = new WeakMap<EmulatorStore, Map<SubscriptionRecord, SubscriptionDetailsRecord>>()

function cacheOf(store: EmulatorStore): Map<SubscriptionRecord, SubscriptionDetailsRecord> {
  let cache = cachedByStore.get(store)
  if (!cache) {
    const created = new Map<SubscriptionRecord, SubscriptionDetailsRecord>()
    store.onChange(() => created.clear())
    cachedByStore.set(store, created)
    cache = created
  }
  return cache
}

function buildDetails(store: EmulatorStore, subscription: SubscriptionRecord): SubscriptionDetailsRecord {
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

/** A subscription with its live items (and their prices) and the `experimental` entitlements. */
export function subscriptionDetails(
  store: EmulatorStore,
  subscription: SubscriptionRecord,
): SubscriptionDetailsRecord {
  const cache = cacheOf(store)
  let details = cache.get(subscription)
  if (!details) {
    details = buildDetails(store, subscription)
    cache.set(subscription, details)
  }
  return details
}
