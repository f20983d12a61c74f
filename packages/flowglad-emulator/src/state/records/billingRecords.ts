import type { BillingAddress, IntervalUnit, Metadata, RecordBase } from './common'

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
  /** Null on an anonymous checkout until it is paid (the buyer becomes a customer then). */
  customerId: string | null
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
