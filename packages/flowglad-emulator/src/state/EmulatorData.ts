import type {
  CheckoutSessionRecord,
  CustomerRecord,
  InvoiceLineItemRecord,
  InvoiceRecord,
  PaymentMethodRecord,
  PurchaseRecord,
  ResourceClaimRecord,
  SubscriptionItemFeatureRecord,
  SubscriptionItemRecord,
  SubscriptionRecord,
  UsageEventRecord,
} from './records'

/**
 * Credits left on one meter of one subscription. Recurring credits are replaced every billing
 * period; one-off credits (top-ups) last until used. Usage spends recurring credits first.
 */
export interface MeterBalance {
  subscriptionId: string
  usageMeterId: string
  recurring: number
  once: number
  /** Credits issued for the current billing period (period grant plus mid-period deltas); absent in older data. */
  issued?: number
}

/** A plan change deferred to the end of the current billing period (downgrades under `auto`). */
export interface ScheduledAdjustment {
  subscriptionId: string
  items: Array<{ priceId: string; quantity: number }>
  at: number
}

/**
 * Everything the emulator knows beyond the pricing model: plain JSON, persisted as-is.
 * Collections grow at the end: a record is appended with `push` and then changed in place, never
 * removed or swapped in the middle (a reset or restore replaces the whole object; taking the last
 * records off the end is fine). The store's indexes (DataIndexes.ts) follow them on that basis;
 * `scheduledAdjustments`, which is filtered, is not indexed.
 */
export interface EmulatorData {
  version: 1
  clockOffsetMs: number
  customers: CustomerRecord[]
  subscriptions: SubscriptionRecord[]
  subscriptionItems: SubscriptionItemRecord[]
  subscriptionItemFeatures: SubscriptionItemFeatureRecord[]
  meterBalances: MeterBalance[]
  scheduledAdjustments: ScheduledAdjustment[]
  usageEvents: UsageEventRecord[]
  checkoutSessions: CheckoutSessionRecord[]
  purchases: PurchaseRecord[]
  invoices: InvoiceRecord[]
  invoiceLineItems: InvoiceLineItemRecord[]
  paymentMethods: PaymentMethodRecord[]
  resourceClaims: ResourceClaimRecord[]
}

/** A fresh state: no customers, clock at real time. */
export function emptyEmulatorData(): EmulatorData {
  return {
    version: 1,
    clockOffsetMs: 0,
    customers: [],
    subscriptions: [],
    subscriptionItems: [],
    subscriptionItemFeatures: [],
    meterBalances: [],
    scheduledAdjustments: [],
    usageEvents: [],
    checkoutSessions: [],
    purchases: [],
    invoices: [],
    invoiceLineItems: [],
    paymentMethods: [],
    resourceClaims: [],
  }
}
