import type { EmulatorStore } from '../EmulatorStore'
import type {
  CustomerRecord,
  InvoiceLineItemRecord,
  InvoiceRecord,
  PaymentMethodRecord,
  PricingModelDetailsRecord,
  PurchaseRecord,
  SubscriptionDetailsRecord,
} from '../records'
import { subscriptionDetails } from '../subscriptions/subscriptionDetails'

/** `CustomerRetrieveBillingResponse`: everything billing-related about one customer. */
export interface CustomerBilling {
  customer: CustomerRecord
  subscriptions: SubscriptionDetailsRecord[]
  currentSubscriptions: SubscriptionDetailsRecord[]
  /** `null` when no subscription is current (`customerBillingTransaction`; checked against the oracle). */
  currentSubscription: SubscriptionDetailsRecord | null
  purchases: PurchaseRecord[]
  invoices: Array<{ invoice: InvoiceRecord; invoiceLineItems: InvoiceLineItemRecord[] }>
  paymentMethods: PaymentMethodRecord[]
  billingPortalUrl: string
  pricingModel: PricingModelDetailsRecord
  /** Deprecated alias of `pricingModel` that Flowglad still sends. */
  catalog: PricingModelDetailsRecord
}

/** Builds the billing payload exactly as Flowglad's `GET /customers/{externalId}/billing` returns it. */
export function customerBilling(store: EmulatorStore, externalId: string): CustomerBilling {
  const customer = store.customer(externalId)
  const { indexes } = store
  // Newest first (insertion order reversed, stable within one millisecond); currentSubscription is the most recently created current one.
  const subscriptions = indexes.subscriptionsByCustomer
    .get(customer.id)
    .reverse()
    .map((s) => subscriptionDetails(store, s))
  const currentSubscriptions = subscriptions.filter((s) => s.current)
  const invoices = indexes.invoicesByCustomer
    .get(customer.id)
    .reverse()
    .map((invoice) => ({
      invoice,
      invoiceLineItems: indexes.invoiceLineItemsByInvoice.get(invoice.id),
    }))
  const billing: CustomerBilling = {
    customer,
    subscriptions,
    currentSubscriptions,
    currentSubscription: currentSubscriptions[0] ?? null,
    purchases: indexes.purchasesByCustomer.get(customer.id),
    invoices,
    paymentMethods: indexes.paymentMethodsByCustomer.get(customer.id),
    billingPortalUrl: store.urls.portal(customer.externalId),
    pricingModel: store.catalog.pricingModel,
    catalog: store.catalog.pricingModel,
  }
  return billing
}
