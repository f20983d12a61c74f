import type { SubscriptionRecord, SubscriptionStatus } from '../records'

/**
 * Which statuses keep a billing period. Flowglad creates none for an incomplete subscription
 * without a payment method (createSubscription/helpers.ts `maybeCreateInitialBillingPeriodAndRun`),
 * and canceling ends the current one (seen on the oracle: usage on a canceled subscription has
 * `billingPeriodId: null`).
 */
const keepsBillingPeriod: Record<SubscriptionStatus, boolean> = {
  trialing: true,
  active: true,
  past_due: true,
  unpaid: true,
  cancellation_scheduled: true,
  incomplete: true,
  incomplete_expired: false,
  canceled: false,
  paused: true,
}

/**
 * The id of a subscription's current billing period, or null without one: Flowglad's
 * `selectCurrentBillingPeriodForSubscription` (db/tableMethods/billingPeriodMethods.ts). The
 * emulator keeps no billing period records: a period is the subscription's current start, named as
 * invoices name it (checkout/payments.ts). Periods roll only when the virtual clock is advanced,
 * so the subscription's recorded period is current whatever the wall clock says (an emulator left
 * running past a period end keeps counting in it rather than refusing count_distinct usage).
 */
export function currentBillingPeriodId(subscription: SubscriptionRecord): string | null {
  const { status, currentBillingPeriodStart: start } = subscription
  if (!keepsBillingPeriod[status] || start === null) return null
  if (status === 'incomplete' && !subscription.defaultPaymentMethodId) return null
  // One string per period, shared by its events (a string per event would be kept per event).
  const named = periodNames.get(subscription)
  if (named?.start === start) return named.id
  const id = `billing_period_${subscription.id.slice(4)}_${start}`
  periodNames.set(subscription, { start, id })
  return id
}

const periodNames = new WeakMap<SubscriptionRecord, { start: number; id: string }>()
