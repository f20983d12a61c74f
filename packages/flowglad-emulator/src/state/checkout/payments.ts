import type { EmulatorStore } from '../EmulatorStore'
import type {
  CustomerRecord,
  InvoiceRecord,
  PaymentMethodRecord,
  PriceRecord,
  PurchaseRecord,
  SubscriptionRecord,
} from '../records'

/** The customer's default card, created (as "paid with 4242") if it has none yet. */
export function ensurePaymentMethod(store: EmulatorStore, customer: CustomerRecord): PaymentMethodRecord {
  const existing = store.data.paymentMethods.find((pm) => pm.customerId === customer.id && pm.default)
  return existing ?? addPaymentMethod(store, customer)
}

/** Records a new card for the customer; the first one becomes the default. */
export function addPaymentMethod(store: EmulatorStore, customer: CustomerRecord): PaymentMethodRecord {
  const paymentMethod: PaymentMethodRecord = {
    ...store.stamp('pm'),
    customerId: customer.id,
    pricingModelId: customer.pricingModelId,
    billingDetails: { name: customer.name, email: customer.email, address: { country: 'US' } },
    type: 'card',
    default: !store.data.paymentMethods.some((pm) => pm.customerId === customer.id),
    paymentMethodData: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 },
    metadata: null,
  }
  store.data.paymentMethods.push(paymentMethod)
  return paymentMethod
}

/** Records a paid purchase of `price` (subscription or single payment). */
export function recordPurchase(
  store: EmulatorStore,
  customer: CustomerRecord,
  price: PriceRecord,
  quantity: number,
): PurchaseRecord {
  const stamp = store.stamp('prch')
  const product = price.productId ? store.catalog.productsById.get(price.productId) : undefined
  const common = {
    ...stamp,
    name: product?.name ?? price.name ?? 'Purchase',
    status: 'paid' as const,
    customerId: customer.id,
    organizationId: customer.organizationId,
    billingCycleAnchor: null,
    priceId: price.id,
    quantity,
    firstInvoiceValue: price.unitPrice * quantity,
    bankPaymentOnly: false,
    purchaseDate: stamp.createdAt,
    endDate: null,
    proposal: null,
    archived: false,
    metadata: null,
    pricingModelId: price.pricingModelId,
    position: store.data.purchases.length,
  }
  const purchase: PurchaseRecord =
    price.type === 'subscription'
      ? {
          ...common,
          priceType: 'subscription',
          trialPeriodDays: price.trialPeriodDays ?? 0,
          pricePerBillingCycle: price.unitPrice * quantity,
          intervalUnit: price.intervalUnit,
          intervalCount: price.intervalCount,
          totalPurchaseValue: null,
        }
      : {
          ...common,
          priceType: 'single_payment',
          trialPeriodDays: null,
          pricePerBillingCycle: null,
          intervalUnit: null,
          intervalCount: null,
          totalPurchaseValue: price.unitPrice * quantity,
        }
  store.data.purchases.push(purchase)
  return purchase
}

/** Records a paid invoice with one line for `price × quantity`, for a purchase or a subscription period. */
export function recordPaidInvoice(
  store: EmulatorStore,
  customer: CustomerRecord,
  price: PriceRecord,
  quantity: number,
  owner: { purchaseId: string } | { subscription: SubscriptionRecord },
  description: string | null = price.name,
): InvoiceRecord {
  const stamp = store.stamp('inv')
  const count = store.data.invoices.filter((invoice) => invoice.customerId === customer.id).length
  const amount = price.unitPrice * quantity
  const common = {
    ...stamp,
    invoiceNumber: `${customer.invoiceNumberBase ?? 'EMU'}-${String(count + 1).padStart(4, '0')}`,
    invoiceDate: stamp.createdAt,
    dueDate: stamp.createdAt,
    customerId: customer.id,
    organizationId: customer.organizationId,
    status: 'paid' as const,
    billingRunId: null,
    ownerMembershipId: null,
    pdfURL: null,
    receiptPdfURL: null,
    memo: null,
    bankPaymentOnly: false,
    currency: price.currency,
    taxAmount: 0,
    subtotal: amount,
    taxState: null,
    taxRatePercentage: null,
    applicationFee: null,
    pricingModelId: price.pricingModelId,
  }
  const invoice: InvoiceRecord =
    'purchaseId' in owner
      ? {
          ...common,
          type: 'purchase',
          purchaseId: owner.purchaseId,
          billingPeriodId: null,
          subscriptionId: null,
          billingPeriodStartDate: null,
          billingPeriodEndDate: null,
        }
      : {
          ...common,
          type: 'subscription',
          purchaseId: null,
          billingPeriodId: `billing_period_${owner.subscription.id.slice(4)}_${owner.subscription.currentBillingPeriodStart}`,
          subscriptionId: owner.subscription.id,
          billingPeriodStartDate: owner.subscription.currentBillingPeriodStart,
          billingPeriodEndDate: owner.subscription.currentBillingPeriodEnd,
        }
  store.data.invoices.push(invoice)
  store.data.invoiceLineItems.push({
    ...store.stamp('ili'),
    invoiceId: invoice.id,
    quantity,
    priceId: price.id,
    description,
    price: price.unitPrice,
    type: 'static',
    pricingModelId: price.pricingModelId,
  })
  return invoice
}
