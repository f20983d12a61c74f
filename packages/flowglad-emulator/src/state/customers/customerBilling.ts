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
  const { data } = store
  // Newest first (insertion order reversed, stable within one millisecond); currentSubscription is the most recently created current one.
  const subscriptions = data.subscriptions
    .filter((s) => s.customerId === customer.id)
    .reverse()
    .map((s) => subscriptionDetails(store, s))
  const currentSubscriptions = subscriptions.filter((s) => s.current)
  const invoices = data.invoices
    .filter((invoice) => invoice.customerId === customer.id)
    .reverse()
    .map((invoice) => ({
      invoice,
      invoiceLineItems: data.invoiceLineItems.filter((line) => line.invoiceId === invoice.id),
    }))
  const billing: CustomerBilling = {
    customer,
    subscriptions,
    currentSubscriptions,
    currentSubscription: currentSubscriptions[0] ?? null,
    purchases: data.purchases.filter((p) => p.customerId === customer.id),
    invoices,
    paymentMethods: data.paymentMethods.filter((pm) => pm.customerId === customer.id),
    billingPortalUrl: store.urls.portal(customer.externalId),
    pricingModel: store.catalog.pricingModel,
    catalog: store.catalog.pricingModel,
  }
  return billing
}
