import { ORGANIZATION_ID } from '../constants'
import type { EmulatorStore } from '../EmulatorStore'
import { FlowgladApiError } from '../FlowgladApiError'
import { usageMeterRow } from '../lists/catalogViews'
import { findUsageMeter } from '../lists/findRecords'
import type { AggregationType, UsageMeterRecord, UsageMeterWithPricesRecord } from '../records'
import { writableIndexes } from './adminCatalog'
import { addPrice } from './prices'

/** `createUsageMeterSchema.usageMeter`. */
export interface NewUsageMeter {
  name: string
  slug: string
  aggregationType?: AggregationType | undefined
}

/**
 * usageMetersRouter `create` (`createUsageMeterTransaction`): the meter, plus its default
 * "no charge" usage price (`<slug>_no_charge`, `<name> - No Charge`, 0 per event), as Flowglad's
 * server creates it. A slug taken in the pricing model is a 409.
 */
export function createUsageMeter(store: EmulatorStore, input: NewUsageMeter): UsageMeterRecord {
  const model = store.catalog.pricingModel
  if (store.catalog.metersBySlug.has(input.slug))
    throw new FlowgladApiError(
      'CONFLICT',
      `A usage meter with slug ${input.slug} already exists in this pricing model.`,
    )
  const meter: UsageMeterWithPricesRecord = {
    ...store.stamp('usage_meter'),
    organizationId: ORGANIZATION_ID,
    name: input.name,
    pricingModelId: model.id,
    slug: input.slug,
    aggregationType: input.aggregationType ?? 'sum',
    prices: [],
  }
  model.usageMeters.push(meter)
  const indexes = writableIndexes(store.catalog)
  indexes.metersById.set(meter.id, meter)
  indexes.metersBySlug.set(meter.slug, meter)
  addPrice(store, {
    type: 'usage',
    usageMeterId: meter.id,
    name: `${meter.name} - No Charge`,
    slug: `${meter.slug}_no_charge`,
    unitPrice: 0,
    usageEventsPerUnit: 1,
    intervalUnit: 'month',
    intervalCount: 1,
    isDefault: true,
  })
  store.changed()
  return usageMeterRow(meter)
}

/** usageMetersRouter `update`: name, slug and aggregation type change. */
export function updateUsageMeter(
  store: EmulatorStore,
  id: string,
  patch: Partial<NewUsageMeter>,
): UsageMeterRecord {
  findUsageMeter(store, id)
  const meter = store.catalog.metersById.get(id) as UsageMeterWithPricesRecord
  const indexes = writableIndexes(store.catalog)
  if (patch.slug !== undefined) indexes.metersBySlug.delete(meter.slug)
  if (patch.name !== undefined) meter.name = patch.name
  if (patch.slug !== undefined) meter.slug = patch.slug
  if (patch.aggregationType !== undefined) meter.aggregationType = patch.aggregationType
  indexes.metersBySlug.set(meter.slug, meter)
  meter.updatedAt = store.now()
  store.changed()
  return usageMeterRow(meter)
}
