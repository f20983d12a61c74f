import type { FeatureRecord, PriceRecord, RenewalFrequency, UsageMeterRecord } from './catalogRecords'
import type { IntervalUnit, Metadata, RecordBase } from './common'

/** Every subscription status Flowglad knows. */
export type SubscriptionStatus =
  | 'trialing'
  | 'active'
  | 'past_due'
  | 'unpaid'
  | 'cancellation_scheduled'
  | 'incomplete'
  | 'incomplete_expired'
  | 'canceled'
  | 'paused'

/** `StandardSubscriptionRecord` (renewing subscriptions; the only kind the emulator creates). */
export interface SubscriptionRecord extends RecordBase {
  startDate: number
  customerId: string
  organizationId: string
  status: SubscriptionStatus
  defaultPaymentMethodId: string | null
  backupPaymentMethodId: string | null
  trialEnd: number | null
  currentBillingPeriodStart: number | null
  currentBillingPeriodEnd: number | null
  metadata: Metadata | null
  canceledAt: number | null
  cancelScheduledAt: number | null
  cancellationReason: string | null
  replacedBySubscriptionId: string | null
  isFreePlan: boolean | null
  doNotCharge: boolean | null
  priceId: string
  runBillingAtPeriodStart: boolean | null
  interval: IntervalUnit
  intervalCount: number
  billingCycleAnchorDate: number | null
  name: string | null
  renews: true
  pricingModelId: string
  scheduledAdjustmentAt: number | null
  current: boolean
}

/** `StaticSubscriptionItemClientSelectSchema`. */
export interface SubscriptionItemRecord extends RecordBase {
  subscriptionId: string
  name: string | null
  addedDate: number
  priceId: string | null
  unitPrice: number
  quantity: number
  metadata: Metadata | null
  type: 'static'
  externalId: string | null
  expiredAt: number | null
  manuallyCreated: boolean
  pricingModelId: string
}

/** `SubscriptionItemFeaturesClientSelectSchema` (toggle, usage credit grant or resource). */
export interface SubscriptionItemFeatureRecord extends RecordBase {
  subscriptionItemId: string
  featureId: string
  productFeatureId: string | null
  type: FeatureRecord['type']
  amount: number | null
  usageMeterId: string | null
  renewalFrequency: RenewalFrequency | null
  expiredAt: number | null
  detachedAt: number | null
  detachedReason: string | null
  manuallyCreated: boolean
  pricingModelId: string
  resourceId: string | null
  name: string
  slug: string
}

/** A usage meter's balance on one subscription, as billing and usage-balances report it. */
export interface UsageMeterBalanceRecord extends UsageMeterRecord {
  availableBalance: number
  subscriptionId: string
}

/** `StandardSubscriptionDetails`: a subscription with its items and experimental entitlements. */
export interface SubscriptionDetailsRecord extends SubscriptionRecord {
  subscriptionItems: Array<SubscriptionItemRecord & { price: PriceRecord }>
  experimental: {
    featureItems: SubscriptionItemFeatureRecord[]
    usageMeterBalances: UsageMeterBalanceRecord[]
  }
}
