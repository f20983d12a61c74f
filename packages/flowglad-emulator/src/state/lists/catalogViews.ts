import { adminCatalog } from '../admin/adminCatalog'
import type { EmulatorStore } from '../EmulatorStore'
import type {
  FeatureRecord,
  PriceRecord,
  ProductRecord,
  ProductWithPricesRecord,
  UsageMeterRecord,
  UsageMeterWithPricesRecord,
} from '../records'
import type { RecordBase } from '../records/common'

/** `PricingModelClientSelectSchema`: a pricing model without its products and meters. */
export interface PricingModelRecord extends RecordBase {
  organizationId: string
  isDefault: boolean
  name: string
}

/** A product as its own table row (`ProductClientSelectSchema`), without prices or features. */
export function productRow(product: ProductWithPricesRecord): ProductRecord {
  const { prices, defaultPrice, features, ...row } = product
  return row
}

/** A usage meter as its own table row (`UsageMeterClientSelectSchema`), without prices. */
export function usageMeterRow(meter: UsageMeterWithPricesRecord): UsageMeterRecord {
  const { prices, defaultPrice, ...row } = meter
  return row
}

/** The loaded pricing model, then its clones. */
const allModels = (store: EmulatorStore) => [
  store.catalog.pricingModel,
  ...adminCatalog(store.catalog).models,
]

/** Every product of every pricing model, as table rows. */
export const listProductRows = (store: EmulatorStore): ProductRecord[] =>
  allModels(store).flatMap((model) => model.products.map(productRow))

/** Every price (product and usage prices alike) of every pricing model. */
export const listPriceRows = (store: EmulatorStore): PriceRecord[] =>
  allModels(store).flatMap((model) => [
    ...model.products.flatMap((product) => product.prices),
    ...model.usageMeters.flatMap((meter) => meter.prices),
  ])

/** Every usage meter of every pricing model, as table rows. */
export const listUsageMeterRows = (store: EmulatorStore): UsageMeterRecord[] =>
  allModels(store).flatMap((model) => model.usageMeters.map(usageMeterRow))

/** Every feature, once each, however many products carry it, then those no product carries yet. */
export function listFeatureRows(store: EmulatorStore): FeatureRecord[] {
  const byId = new Map<string, FeatureRecord>()
  for (const model of allModels(store))
    for (const product of model.products)
      for (const feature of product.features) if (!byId.has(feature.id)) byId.set(feature.id, feature)
  for (const feature of adminCatalog(store.catalog).features)
    if (!byId.has(feature.id)) byId.set(feature.id, feature)
  return [...byId.values()]
}

/** Every pricing model (the loaded one and its clones), as table rows. */
export function listPricingModelRows(store: EmulatorStore): PricingModelRecord[] {
  return allModels(store).map(({ products, usageMeters, defaultProduct, ...row }) => row)
}
