import type { IntervalUnit, RecordBase } from './common'

interface PriceBase extends RecordBase {
  name: string | null
  isDefault: boolean
  unitPrice: number
  active: boolean
  currency: string
  slug: string | null
  pricingModelId: string
}

/** `SubscriptionPriceClientSelectSchema`. */
export interface SubscriptionPriceRecord extends PriceBase {
  type: 'subscription'
  intervalUnit: IntervalUnit
  intervalCount: number
  trialPeriodDays: number | null
  usageEventsPerUnit: null
  productId: string
  usageMeterId: null
}

/** `SinglePaymentPriceClientSelectSchema`. */
export interface SinglePaymentPriceRecord extends PriceBase {
  type: 'single_payment'
  intervalUnit: null
  intervalCount: null
  trialPeriodDays: null
  usageEventsPerUnit: null
  productId: string
  usageMeterId: null
}

/** `UsagePriceClientSelectSchema`. */
export interface UsagePriceRecord extends PriceBase {
  type: 'usage'
  intervalUnit: IntervalUnit
  intervalCount: number
  trialPeriodDays: null
  usageEventsPerUnit: number
  productId: null
  usageMeterId: string
}

/** `PriceRecord`: any of the three price kinds. */
export type PriceRecord = SubscriptionPriceRecord | SinglePaymentPriceRecord | UsagePriceRecord

interface FeatureBase extends RecordBase {
  organizationId: string
  slug: string
  name: string
  description: string
  pricingModelId: string
  active: boolean
}

/** `ToggleFeatureClientSelectSchema`. */
export interface ToggleFeatureRecord extends FeatureBase {
  type: 'toggle'
  amount: null
  usageMeterId: null
  renewalFrequency: null
  resourceId: null
}

/** `UsageCreditGrantFeatureClientSelectSchema`. */
export interface UsageCreditGrantFeatureRecord extends FeatureBase {
  type: 'usage_credit_grant'
  amount: number
  usageMeterId: string
  renewalFrequency: RenewalFrequency
  resourceId: null
}

/** `ResourceFeatureClientSelectSchema`. */
export interface ResourceFeatureRecord extends FeatureBase {
  type: 'resource'
  amount: number
  usageMeterId: null
  renewalFrequency: null
  resourceId: string
}

/** How often a usage credit grant is issued. */
export type RenewalFrequency = 'once' | 'every_billing_period'

/** `FeatureRecord`. */
export type FeatureRecord = ToggleFeatureRecord | UsageCreditGrantFeatureRecord | ResourceFeatureRecord

/** `ProductClientSelectSchema`. */
export interface ProductRecord extends RecordBase {
  name: string
  description: string | null
  imageURL: string | null
  organizationId: string
  active: boolean
  singularQuantityLabel: string | null
  pluralQuantityLabel: string | null
  pricingModelId: string
  default: boolean
  slug: string
}

/** `ProductWithPricesRecord`. */
export interface ProductWithPricesRecord extends ProductRecord {
  prices: PriceRecord[]
  defaultPrice: PriceRecord
  features: FeatureRecord[]
}

/** How a usage meter aggregates events. */
export type AggregationType = 'sum' | 'count_distinct_properties'

/** `UsageMeterClientSelectSchema`. */
export interface UsageMeterRecord extends RecordBase {
  organizationId: string
  name: string
  pricingModelId: string
  slug: string
  aggregationType: AggregationType
}

/** `UsageMeterWithPricesRecord`. */
export interface UsageMeterWithPricesRecord extends UsageMeterRecord {
  prices: UsagePriceRecord[]
  defaultPrice?: UsagePriceRecord
}

/** `ResourceClientSelectSchema`. */
export interface ResourceRecord extends RecordBase {
  organizationId: string
  pricingModelId: string
  slug: string
  name: string
  active: boolean
}

/** `PricingModelDetailsRecord`. */
export interface PricingModelDetailsRecord extends RecordBase {
  organizationId: string
  isDefault: boolean
  name: string
  products: ProductWithPricesRecord[]
  usageMeters: UsageMeterWithPricesRecord[]
  defaultProduct?: ProductWithPricesRecord
}
