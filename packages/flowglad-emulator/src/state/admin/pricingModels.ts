import { ORGANIZATION_ID } from '../constants'
import type { EmulatorStore } from '../EmulatorStore'
import { FlowgladApiError } from '../FlowgladApiError'
import type { PricingModelRecord } from '../lists/catalogViews'
import type { PricingModelDetailsRecord } from '../records'
import { adminCatalog } from './adminCatalog'
import { findPricingModel } from './clonePricingModel'

/**
 * The emulator's default pricing model is its pricing file: making another one the default
 * (which Flowglad allows) is refused with a 400 that says so (SPEC-NOTES.md "Admin writes").
 */
const defaultIsTheFile = () =>
  new FlowgladApiError(
    'BAD_REQUEST',
    "The emulator's default pricing model is its pricing file; load another file to change it.",
  )

const row = ({
  products,
  usageMeters,
  defaultProduct,
  ...model
}: PricingModelDetailsRecord): PricingModelRecord => model

/** pricingModelsRouter `create`: a new, non-default pricing model; as the oracle shows, it starts with no products or meters. */
export function createPricingModel(
  store: EmulatorStore,
  input: { name: string; isDefault?: boolean | undefined },
): PricingModelRecord {
  if (input.isDefault) throw defaultIsTheFile()
  const model: PricingModelDetailsRecord = {
    ...store.stamp('pricing_model'),
    organizationId: ORGANIZATION_ID,
    isDefault: false,
    name: input.name,
    products: [],
    usageMeters: [],
  }
  adminCatalog(store.catalog).models.push(model)
  store.changed()
  return row(model)
}

/** pricingModelsRouter `update`: renames; an unknown id is a 404. */
export function updatePricingModel(
  store: EmulatorStore,
  id: string,
  patch: { name?: string | undefined; isDefault?: boolean | undefined },
): PricingModelRecord {
  const model = findPricingModel(store, id)
  if (!model) throw new FlowgladApiError('NOT_FOUND', `Pricing model ${id} not found`)
  if (patch.isDefault !== undefined && patch.isDefault !== model.isDefault) throw defaultIsTheFile()
  if (patch.name !== undefined) model.name = patch.name
  model.updatedAt = store.now()
  store.changed()
  return row(model)
}
