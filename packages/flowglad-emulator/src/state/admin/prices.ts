import type { EmulatorStore } from '../EmulatorStore'
import { FlowgladApiError } from '../FlowgladApiError'
import { findPrice } from '../lists/findRecords'
import type { IntervalUnit, PriceRecord, UsagePriceRecord } from '../records'
import { writableIndexes } from './adminCatalog'

/** `createPriceSchema.price`: a subscription, single-payment or usage price. */
export interface NewPrice {
  type: 'subscription' | 'single_payment' | 'usage'
  unitPrice: number
  isDefault: boolean
  name?: string | null | undefined
  slug?: string | null | undefined
  active?: boolean | undefined
  intervalUnit?: IntervalUnit | null | undefined
  intervalCount?: number | null | undefined
  trialPeriodDays?: number | null | undefined
  usageEventsPerUnit?: number | null | undefined
  productId?: string | null | undefined
  usageMeterId?: string | null | undefined
}

/** Fields `editPriceSchema.price` may change. */
export interface PricePatch {
  name?: string | null | undefined
  slug?: string | null | undefined
  active?: boolean | undefined
  isDefault?: boolean | undefined
}

/**
 * Adds a price to its product or usage meter (createPriceTransaction). A product keeps one active
 * price: the new one becomes its default and the others are archived (inactive, not default), as
 * Flowglad's server answers. A usage meter may hold several; a new default unsets the others.
 */
export function addPrice(store: EmulatorStore, input: NewPrice): PriceRecord {
  const model = store.catalog.pricingModel
  const stamp = store.stamp('price')
  const common = {
    ...stamp,
    name: input.name ?? null,
    slug: input.slug ?? null,
    unitPrice: input.unitPrice,
    active: input.active ?? true,
    currency: 'USD',
    pricingModelId: model.id,
  }
  let price: PriceRecord
  if (input.type === 'usage') {
    const meter = store.catalog.metersById.get(input.usageMeterId ?? '')
    if (!meter) throw new FlowgladApiError('NOT_FOUND', `Usage meter ${input.usageMeterId} not found`)
    const usage: UsagePriceRecord = {
      ...common,
      type: 'usage',
      isDefault: input.isDefault,
      intervalUnit: input.intervalUnit ?? 'month',
      intervalCount: input.intervalCount ?? 1,
      trialPeriodDays: null,
      usageEventsPerUnit: input.usageEventsPerUnit ?? 1,
      productId: null,
      usageMeterId: meter.id,
    }
    if (usage.isDefault) for (const other of meter.prices) other.isDefault = false
    meter.prices.push(usage)
    if (usage.isDefault) meter.defaultPrice = usage
    price = usage
  } else {
    const product = store.catalog.productsById.get(input.productId ?? '')
    if (!product) throw new FlowgladApiError('NOT_FOUND', `Product ${input.productId} not found`)
    price =
      input.type === 'subscription'
        ? {
            ...common,
            type: 'subscription',
            isDefault: true,
            intervalUnit: input.intervalUnit ?? 'month',
            intervalCount: input.intervalCount ?? 1,
            trialPeriodDays: input.trialPeriodDays ?? null,
            usageEventsPerUnit: null,
            productId: product.id,
            usageMeterId: null,
          }
        : {
            ...common,
            type: 'single_payment',
            isDefault: true,
            intervalUnit: null,
            intervalCount: null,
            trialPeriodDays: null,
            usageEventsPerUnit: null,
            productId: product.id,
            usageMeterId: null,
          }
    for (const other of product.prices) {
      other.isDefault = false
      other.active = false
      other.updatedAt = stamp.updatedAt
    }
    product.prices.push(price)
    product.defaultPrice = price
  }
  const indexes = writableIndexes(store.catalog)
  indexes.pricesById.set(price.id, price)
  if (price.slug) indexes.pricesBySlug.set(price.slug, price)
  return price
}

/** pricesRouter `createPrice`. */
export function createPrice(store: EmulatorStore, input: NewPrice): PriceRecord {
  const price = addPrice(store, input)
  store.changed()
  return price
}

/** pricesRouter `updatePrice`: name, slug, active and isDefault change; an unknown id is 404 `Price not found`. */
export function updatePrice(store: EmulatorStore, id: string, patch: PricePatch): PriceRecord {
  const price = findPrice(store, id)
  const indexes = writableIndexes(store.catalog)
  if (patch.slug !== undefined && price.slug) indexes.pricesBySlug.delete(price.slug)
  if (patch.name !== undefined) price.name = patch.name
  if (patch.slug !== undefined) price.slug = patch.slug
  if (patch.active !== undefined) price.active = patch.active
  if (patch.isDefault !== undefined) price.isDefault = patch.isDefault
  if (price.slug) indexes.pricesBySlug.set(price.slug, price)
  price.updatedAt = store.now()
  store.changed()
  return price
}
