/**
 * Wire records, shaped exactly like Flowglad's openapi response schemas.
 * State stores these records as-is so responses are plain reads, not translations.
 */

/** Free-form metadata attached to records. */
export type Metadata = Record<string, string | number | boolean>

/** Fields every Flowglad record carries. */
export interface RecordBase {
  id: string
  createdAt: number
  updatedAt: number
  livemode: boolean
}

/** Billing interval unit of a recurring price. */
export type IntervalUnit = 'day' | 'week' | 'month' | 'year'

/** A customer's postal billing address. */
export interface BillingAddress {
  name?: string | null
  firstName?: string | null
  lastName?: string | null
  email?: string | null
  phone?: string | null
  address: {
    name?: string | null
    line1?: string | null
    line2?: string | null
    city?: string | null
    state?: string | null
    postal_code?: string | null
    country: string
  }
}

/** `CustomerClientSelectSchema`. */
export interface CustomerRecord extends RecordBase {
  organizationId: string
  email: string
  name: string
  invoiceNumberBase: string | null
  archived: boolean
  logoURL: string | null
  iconURL: string | null
  domain: string | null
  billingAddress?: BillingAddress | null
  externalId: string
  userId: string | null
  pricingModelId: string
}

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

/** Purchase status values. */
export type PurchaseStatus =
  | 'open'
  | 'pending'
  | 'failed'
  | 'paid'
  | 'refunded'
  | 'partial_refund'
  | 'fraudulent'

interface PurchaseBase extends RecordBase {
  name: string
  status: PurchaseStatus
  customerId: string
  organizationId: string
  billingCycleAnchor: number | null
  priceId: string
  quantity: number
  firstInvoiceValue: number
  bankPaymentOnly: boolean | null
  purchaseDate: number | null
  endDate: number | null
  proposal: string | null
  archived: boolean | null
  metadata: Metadata | null
  pricingModelId: string
  position: number
}

/** `SubscriptionPurchaseClientSelectSchema`. */
export interface SubscriptionPurchaseRecord extends PurchaseBase {
  priceType: 'subscription'
  trialPeriodDays: number
  pricePerBillingCycle: number
  intervalUnit: IntervalUnit
  intervalCount: number
  totalPurchaseValue: null
}

/** `SinglePaymentPurchaseClientSelectSchema`. */
export interface SinglePaymentPurchaseRecord extends PurchaseBase {
  priceType: 'single_payment'
  trialPeriodDays: null
  pricePerBillingCycle: null
  intervalUnit: null
  intervalCount: null
  totalPurchaseValue: number
}

/** `PurchaseRecord`. */
export type PurchaseRecord = SubscriptionPurchaseRecord | SinglePaymentPurchaseRecord

interface InvoiceBase extends RecordBase {
  invoiceNumber: string
  invoiceDate: number
  dueDate: number | null
  customerId: string
  organizationId: string
  status: 'paid' | 'open' | 'void'
  billingRunId: string | null
  ownerMembershipId: string | null
  pdfURL: string | null
  receiptPdfURL: string | null
  memo: string | null
  bankPaymentOnly: boolean | null
  currency: string
  taxAmount: number | null
  subtotal: number | null
  taxState: string | null
  taxRatePercentage: string | null
  applicationFee: number | null
  pricingModelId: string
}

/** `SubscriptionInvoiceClientSelectSchema`. */
export interface SubscriptionInvoiceRecord extends InvoiceBase {
  type: 'subscription'
  purchaseId: null
  billingPeriodId: string
  subscriptionId: string
  billingPeriodStartDate: number | null
  billingPeriodEndDate: number | null
}

/** `PurchaseInvoiceClientSelectSchema`. */
export interface PurchaseInvoiceRecord extends InvoiceBase {
  type: 'purchase'
  purchaseId: string
  billingPeriodId: null
  subscriptionId: null
  billingPeriodStartDate: null
  billingPeriodEndDate: null
}

/** `InvoiceRecord`. */
export type InvoiceRecord = SubscriptionInvoiceRecord | PurchaseInvoiceRecord

/** `StaticInvoiceLineItemClientSelectSchema`. */
export interface InvoiceLineItemRecord extends RecordBase {
  invoiceId: string
  quantity: number
  priceId: string | null
  description: string | null
  price: number
  type: 'static'
  pricingModelId: string
}

/** `PaymentMethodClientSelectSchema`. */
export interface PaymentMethodRecord extends RecordBase {
  customerId: string
  pricingModelId: string
  billingDetails: { name: string | null; email: string | null; address: { country: string } }
  type: 'card'
  default: boolean
  paymentMethodData: Record<string, string | number>
  metadata: Metadata | null
}

/** Checkout session kinds. */
export type CheckoutSessionType = 'product' | 'add_payment_method' | 'activate_subscription'

/** Checkout session statuses. */
export type CheckoutSessionStatus = 'open' | 'pending' | 'succeeded' | 'failed' | 'expired'

/** One of the three `*CheckoutSessionClientSelectSchema` records (fields are the union of the three). */
export interface CheckoutSessionRecord extends RecordBase {
  pricingModelId: string
  status: CheckoutSessionStatus
  billingAddress: BillingAddress | null
  priceId: string | null
  purchaseId: string | null
  invoiceId: string | null
  quantity: number
  organizationId: string
  customerName: string | null
  customerEmail: string | null
  customerId: string
  paymentMethodType: 'card' | null
  discountId: string | null
  successUrl: string | null
  cancelUrl: string | null
  type: CheckoutSessionType
  preserveBillingCycleAnchor: boolean
  outputMetadata: Metadata | null
  outputName: string | null
  targetSubscriptionId: string | null
  automaticallyUpdateSubscriptions: boolean | null
  expires: number
}

/** `UsageEventClientSelectSchema`. */
export interface UsageEventRecord extends RecordBase {
  customerId: string
  subscriptionId: string
  usageMeterId: string
  billingPeriodId: string | null
  amount: number
  usageDate: number
  transactionId: string
  priceId: string
  properties: Record<string, unknown> | null
  pricingModelId: string
}

/** `ResourceClaimClientSelectSchema`. */
export interface ResourceClaimRecord extends RecordBase {
  organizationId: string
  resourceId: string
  subscriptionId: string
  pricingModelId: string
  externalId: string | null
  claimedAt: number
  releasedAt: number | null
  releaseReason: string | null
  expiredAt: number | null
  metadata: Metadata | null
}

/** `ResourceUsageData`. */
export interface ResourceUsageData {
  resourceSlug: string
  resourceId: string
  capacity: number
  claimed: number
  available: number
}
