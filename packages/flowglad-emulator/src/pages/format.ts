import type { IntervalUnit, InvoiceRecord, SubscriptionStatus } from '../state/records'

// Wording and formats follow Flowglad's own portal components (flowglad-next/src/registry):
// lib/date.ts `formatDate`, lib/billing-interval.ts `formatBillingInterval`,
// lib/subscription-status.ts `getStatusLabel`, invoices-list/invoice-status-badge.tsx.

/** "Dec 7, 2026" (`formatDate`: en-US, numeric year, short month, numeric day). */
export function formatDate(epochMs: number): string {
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric' }).format(
    new Date(epochMs),
  )
}

/** "per month" / "every 3 months" (`formatBillingInterval`). */
export function formatInterval(unit: IntervalUnit, count = 1): string {
  return count === 1 ? `per ${unit}` : `every ${count} ${unit}s`
}

/** A subscription status in words. */
export const SUBSCRIPTION_STATUS_LABELS: Record<SubscriptionStatus, string> = {
  active: 'Active',
  trialing: 'Trial',
  past_due: 'Past due',
  unpaid: 'Unpaid',
  cancellation_scheduled: 'Cancellation scheduled',
  incomplete: 'Incomplete',
  incomplete_expired: 'Expired',
  canceled: 'Canceled',
  paused: 'Paused',
}

/** An invoice status in words. */
export const INVOICE_STATUS_LABELS: Record<InvoiceRecord['status'], string> = {
  paid: 'Paid',
  open: 'Open',
  void: 'Void',
}
