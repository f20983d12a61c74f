import { ORGANIZATION_ID } from '../constants'
import type { EmulatorStore } from '../EmulatorStore'
import { FlowgladApiError } from '../FlowgladApiError'
import { listFeatureRows } from '../lists/catalogViews'
import { findFeature } from '../lists/findRecords'
import type { FeatureRecord, RenewalFrequency } from '../records'
import { adminCatalog } from './adminCatalog'

/** `createFeatureSchema.feature`: a toggle, usage-credit-grant or resource feature. */
export interface NewFeature {
  type: FeatureRecord['type']
  slug: string
  name: string
  description: string
  pricingModelId: string
  active?: boolean | undefined
  amount?: number | null | undefined
  usageMeterId?: string | null | undefined
  renewalFrequency?: RenewalFrequency | null | undefined
  resourceId?: string | null | undefined
}

/** Fields `editFeatureSchema.feature` may change (its `type` only selects the variant). */
export type FeaturePatch = Partial<Omit<NewFeature, 'pricingModelId'>>

/** The type-specific columns of a feature: what its type says, nulls elsewhere. */
function variant(
  input: Pick<NewFeature, 'type' | 'amount' | 'usageMeterId' | 'renewalFrequency' | 'resourceId'>,
) {
  switch (input.type) {
    case 'toggle':
      return {
        type: 'toggle',
        amount: null,
        usageMeterId: null,
        renewalFrequency: null,
        resourceId: null,
      } as const
    case 'usage_credit_grant':
      return {
        type: 'usage_credit_grant',
        amount: input.amount ?? 0,
        usageMeterId: input.usageMeterId ?? '',
        renewalFrequency: input.renewalFrequency ?? 'once',
        resourceId: null,
      } as const
    case 'resource':
      return {
        type: 'resource',
        amount: input.amount ?? 0,
        usageMeterId: null,
        renewalFrequency: null,
        resourceId: input.resourceId ?? '',
      } as const
  }
}

/** featuresRouter `createFeature`: a slug taken in the pricing model is a 409 (features unique index). */
export function createFeature(store: EmulatorStore, input: NewFeature): FeatureRecord {
  if (listFeatureRows(store).some((f) => f.slug === input.slug && f.pricingModelId === input.pricingModelId))
    throw new FlowgladApiError(
      'CONFLICT',
      `A feature with slug ${input.slug} already exists in this pricing model.`,
    )
  const feature = {
    ...store.stamp('feature'),
    organizationId: ORGANIZATION_ID,
    ...variant(input),
    slug: input.slug,
    name: input.name,
    description: input.description,
    pricingModelId: input.pricingModelId,
    active: input.active ?? true,
  } as FeatureRecord
  adminCatalog(store.catalog).features.push(feature)
  store.changed()
  return feature
}

/** featuresRouter `updateFeature`: the given fields change everywhere the feature is attached. */
export function updateFeature(store: EmulatorStore, id: string, patch: FeaturePatch): FeatureRecord {
  const feature = findFeature(store, id)
  const target = feature as unknown as Record<string, unknown>
  const next = patch.type && patch.type !== feature.type ? variant({ ...patch, type: patch.type }) : {}
  for (const [key, value] of Object.entries({ ...patch, ...next }))
    if (value !== undefined) target[key] = value
  feature.updatedAt = store.now()
  store.changed()
  return feature
}
