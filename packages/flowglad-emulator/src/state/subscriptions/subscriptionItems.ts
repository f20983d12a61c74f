import type { EmulatorStore } from '../EmulatorStore'
import type { PriceRecord, SubscriptionItemRecord } from '../records'

/** Adds an item for `price` to a subscription, with one item-feature per product feature. */
export function addSubscriptionItem(
  store: EmulatorStore,
  subscriptionId: string,
  price: PriceRecord,
  quantity: number,
  options: { name?: string } = {},
): SubscriptionItemRecord {
  const product = price.productId ? store.catalog.productsById.get(price.productId) : undefined
  const stamp = store.stamp('si')
  const item: SubscriptionItemRecord = {
    ...stamp,
    subscriptionId,
    name: options.name ?? price.name ?? product?.name ?? null,
    addedDate: stamp.createdAt,
    priceId: price.id,
    unitPrice: price.unitPrice,
    quantity,
    metadata: null,
    type: 'static',
    externalId: null,
    expiredAt: null,
    manuallyCreated: false,
    pricingModelId: price.pricingModelId,
  }
  store.data.subscriptionItems.push(item)
  for (const feature of product?.features ?? []) {
    store.data.subscriptionItemFeatures.push({
      ...store.stamp('sub_feature'),
      subscriptionItemId: item.id,
      featureId: feature.id,
      productFeatureId: `product_feature_${product?.slug}_${feature.slug}`,
      type: feature.type,
      // Flowglad stores a credit grant per item already multiplied by its quantity (10 seats of a
      // plan granting 100 credits each = 1000); resource amounts stay per unit and capacity
      // multiplies them (resourceClaims).
      amount: feature.type === 'usage_credit_grant' ? feature.amount * quantity : feature.amount,
      usageMeterId: feature.usageMeterId,
      renewalFrequency: feature.renewalFrequency,
      expiredAt: null,
      detachedAt: null,
      detachedReason: null,
      manuallyCreated: false,
      pricingModelId: feature.pricingModelId,
      resourceId: feature.resourceId,
      name: feature.name,
      slug: feature.slug,
    })
  }
  return item
}

/** Expires every live item of a subscription (and their features), e.g. before a plan change. */
export function expireSubscriptionItems(store: EmulatorStore, subscriptionId: string): void {
  const now = store.now()
  for (const item of store.data.subscriptionItems) {
    if (item.subscriptionId !== subscriptionId || item.expiredAt !== null) continue
    item.expiredAt = now
    item.updatedAt = now
    for (const feature of store.data.subscriptionItemFeatures) {
      if (feature.subscriptionItemId === item.id && feature.expiredAt === null) {
        feature.expiredAt = now
        feature.updatedAt = now
      }
    }
  }
}

/** The live (not expired) items of a subscription. */
export function liveItems(store: EmulatorStore, subscriptionId: string): SubscriptionItemRecord[] {
  return store.indexes.subscriptionItemsBySubscription.get(subscriptionId).filter((i) => i.expiredAt === null)
}
