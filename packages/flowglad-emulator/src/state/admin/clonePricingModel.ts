import type { EmulatorStore } from '../EmulatorStore'
import { FlowgladApiError } from '../FlowgladApiError'
import { newId } from '../newId'
import type {
  FeatureRecord,
  PricingModelDetailsRecord,
  ProductWithPricesRecord,
  UsageMeterWithPricesRecord,
} from '../records'
import { adminCatalog } from './adminCatalog'

/** A pricing model by id: the loaded one or a clone. */
export function findPricingModel(store: EmulatorStore, id: string): PricingModelDetailsRecord | undefined {
  if (id === store.catalog.pricingModel.id) return store.catalog.pricingModel
  return adminCatalog(store.catalog).models.find((clone) => clone.id === id)
}

/**
 * pricingModelsRouter `clone` (`clonePricingModelTransaction`): a non-default copy named `name`
 * with new ids for the model, its products, prices, usage meters and features. As Flowglad's
 * server answers it, cloned products keep their original `createdAt`, and cloned prices keep the
 * source model's `pricingModelId` (SPEC-NOTES.md "Admin writes").
 */
export function clonePricingModel(store: EmulatorStore, id: string, name: string): PricingModelDetailsRecord {
  const source = findPricingModel(store, id)
  if (!source) throw new FlowgladApiError('NOT_FOUND', `Pricing model ${id} not found`)
  const stamp = store.stamp('pricing_model')
  const now = stamp.createdAt
  const fresh = <T extends { id: string }>(record: T, prefix: string, keepCreatedAt = false): T => ({
    ...record,
    id: newId(prefix),
    createdAt: keepCreatedAt ? (record as unknown as { createdAt: number }).createdAt : now,
    updatedAt: keepCreatedAt ? (record as unknown as { updatedAt: number }).updatedAt : now,
  })
  const meterIds = new Map<string, string>()
  const usageMeters: UsageMeterWithPricesRecord[] = source.usageMeters.map((meter) => {
    const copy = { ...fresh(meter, 'usage_meter'), pricingModelId: stamp.id }
    meterIds.set(meter.id, copy.id)
    copy.prices = meter.prices.map((price) => ({ ...fresh(price, 'price'), usageMeterId: copy.id }))
    const defaultPrice = copy.prices.find((price) => price.isDefault)
    if (defaultPrice) copy.defaultPrice = defaultPrice
    else delete copy.defaultPrice
    return copy
  })
  const featureCopies = new Map<string, FeatureRecord>()
  const cloneFeature = (feature: FeatureRecord): FeatureRecord => {
    let copy = featureCopies.get(feature.id)
    if (!copy) {
      copy = { ...fresh(feature, 'feature'), pricingModelId: stamp.id } as FeatureRecord
      if (copy.type === 'usage_credit_grant')
        copy.usageMeterId = meterIds.get(copy.usageMeterId) ?? copy.usageMeterId
      featureCopies.set(feature.id, copy)
    }
    return copy
  }
  const products: ProductWithPricesRecord[] = source.products.map((product) => {
    const copy = { ...fresh(product, 'prod', true), pricingModelId: stamp.id }
    copy.prices = product.prices.map(
      (price) => ({ ...fresh(price, 'price'), productId: copy.id }) as typeof price,
    )
    copy.defaultPrice =
      copy.prices.find((price) => price.isDefault) ?? (copy.prices[0] as typeof copy.defaultPrice)
    copy.features = product.features.map(cloneFeature)
    return copy
  })
  const defaultProduct = products.find((product) => product.default)
  const clone: PricingModelDetailsRecord = {
    ...stamp,
    organizationId: source.organizationId,
    isDefault: false,
    name,
    products,
    usageMeters,
    ...(defaultProduct ? { defaultProduct } : {}),
  }
  adminCatalog(store.catalog).models.push(clone)
  store.changed()
  return clone
}
