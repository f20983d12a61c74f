import { recordPaidInvoice } from '../checkout/payments'
import type { EmulatorStore } from '../EmulatorStore'
import type { CustomerRecord, PriceRecord, SubscriptionRecord } from '../records'

/** How far through its current billing period a subscription is, 0–1 (`beforePercentage`). */
export function fractionThroughPeriod(store: EmulatorStore, subscription: SubscriptionRecord): number {
  const start = subscription.currentBillingPeriodStart
  const end = subscription.currentBillingPeriodEnd
  if (start === null || end === null || end <= start) return 0
  return Math.min(Math.max((store.now() - start) / (end - start), 0), 1)
}

/** What the subscription has paid for its current billing period (its paid invoices' totals). */
function paidThisPeriod(store: EmulatorStore, subscription: SubscriptionRecord): number {
  return store.data.invoices
    .filter(
      (invoice) =>
        invoice.subscriptionId === subscription.id &&
        invoice.status === 'paid' &&
        invoice.billingPeriodStartDate === subscription.currentBillingPeriodStart,
    )
    .reduce((sum, invoice) => sum + (invoice.subtotal ?? 0), 0)
}

/**
 * An immediate adjustment's net charge, as subscriptions/adjustSubscription.ts
 * `calculateCorrectProrationAmount` computes it: the old plan's value for the part of the period
 * used plus the new plan's for the rest, less what the period has already been paid; never below 0.
 */
export function netCharge(
  store: EmulatorStore,
  subscription: SubscriptionRecord,
  oldTotal: number,
  newTotal: number,
): number {
  const before = fractionThroughPeriod(store, subscription)
  const fairValue = Math.round(oldTotal * before) + Math.round(newTotal * (1 - before))
  return Math.max(0, fairValue - paidThisPeriod(store, subscription))
}

/**
 * The billing run an immediate prorated adjustment triggers (`adjustSubscription`): its invoice
 * lists the period's items as billed at its start plus `Proration: Net charge adjustment`, and
 * charges only the net amount (what `paidThisPeriod` counts next time).
 */
export function recordProrationInvoice(
  store: EmulatorStore,
  customer: CustomerRecord,
  subscription: SubscriptionRecord,
  amount: number,
): void {
  const after = 1 - fractionThroughPeriod(store, subscription)
  const day = (ms: number | null) => new Date(ms ?? store.now()).toISOString().split('T')[0]
  const periodLines = store.data.invoices
    .filter(
      (invoice) =>
        invoice.subscriptionId === subscription.id &&
        invoice.billingPeriodStartDate === subscription.currentBillingPeriodStart,
    )
    .slice(0, 1)
    .flatMap((invoice) => store.data.invoiceLineItems.filter((line) => line.invoiceId === invoice.id))
  const proration: PriceRecord = {
    ...(store.catalog.pricesById.get(subscription.priceId) as PriceRecord),
    unitPrice: amount,
  }
  const description = `Proration: Net charge adjustment - Prorated adjustment for ${(after * 100).toFixed(1)}% of billing period (${day(store.now())} to ${day(subscription.currentBillingPeriodEnd)})`
  const invoice = recordPaidInvoice(store, customer, proration, 1, { subscription }, description)
  const [prorationLine] = store.data.invoiceLineItems.splice(-1, 1)
  for (const line of periodLines)
    store.data.invoiceLineItems.push({ ...line, ...store.stamp('ili'), invoiceId: invoice.id })
  if (prorationLine) store.data.invoiceLineItems.push(prorationLine)
}
