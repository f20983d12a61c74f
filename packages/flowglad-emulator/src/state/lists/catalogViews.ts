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

/** Every product of the catalog, as table rows. */
export const listProductRows = (store: EmulatorStore): ProductRecord[] =>
  store.catalog.pricingModel.products.map(productRow)

/** Every price (product and usage prices alike). */
export const listPriceRows = (store: EmulatorStore): PriceRecord[] => [...store.catalog.pricesById.values()]

/** Every usage meter, as table rows. */
export const listUsageMeterRows = (store: EmulatorStore): UsageMeterRecord[] =>
  store.catalog.pricingModel.usageMeters.map(usageMeterRow)

/** Every feature, once each, however many products carry it. */
export function listFeatureRows(store: EmulatorStore): FeatureRecord[] {
  const byId = new Map<string, FeatureRecord>()
  for (const product of store.catalog.pricingModel.products)
    for (const feature of product.features) if (!byId.has(feature.id)) byId.set(feature.id, feature)
  return [...byId.values()]
}

/** The pricing models the emulator serves (one: the loaded catalog), as table rows. */
export function listPricingModelRows(store: EmulatorStore): PricingModelRecord[] {
  const { products, usageMeters, defaultProduct, ...row } = store.catalog.pricingModel
  return [row]
}
