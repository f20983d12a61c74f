import { recordPaidInvoice } from '../checkout/payments'
import type { EmulatorStore } from '../EmulatorStore'
import { badRequest } from '../FlowgladApiError'
import type { SubscriptionPriceRecord, SubscriptionRecord } from '../records'
import { grantPeriodCredits } from '../usage/credits'
import { addInterval } from './addInterval'
import { applySubscriptionItems } from './adjustSubscription'
import { endSubscription } from './cancelSubscription'
import { requireSubscriptionPrice } from './startSubscription'
import { liveItems } from './subscriptionItems'

/** Crosses one period boundary: scheduled cancel or plan change, trial end, new period, credits, invoice. */
function rollPeriod(store: EmulatorStore, subscription: SubscriptionRecord, boundary: number): void {
  if (
    subscription.status === 'cancellation_scheduled' &&
    (subscription.cancelScheduledAt ?? boundary) <= boundary
  ) {
    endSubscription(store, subscription, subscription.cancellationReason)
    return
  }
  const scheduled = store.data.scheduledAdjustments.find(
    (a) => a.subscriptionId === subscription.id && a.at <= boundary,
  )
  if (scheduled) {
    store.data.scheduledAdjustments = store.data.scheduledAdjustments.filter((a) => a !== scheduled)
    const items = scheduled.items.map(({ priceId, quantity }) => ({
      price: requireSubscriptionPrice(store.price({ priceId })),
      quantity,
    }))
    applySubscriptionItems(store, subscription, items)
  }
  // billingPeriodHelpers.ts `attemptBillingPeriodTransition`: a paid plan's new period is active
  // with a payment method (or doNotCharge) and `past_due` without one, e.g. a trial that ended with
  // no card. Its credits are granted either way (the BillingPeriodTransition ledger command).
  const stillTrialing = subscription.status === 'trialing' && (subscription.trialEnd ?? 0) > boundary
  const paymentMethodId = subscription.defaultPaymentMethodId ?? subscription.backupPaymentMethodId
  if (!subscription.isFreePlan && !stillTrialing)
    subscription.status = paymentMethodId || subscription.doNotCharge ? 'active' : 'past_due'
  subscription.currentBillingPeriodStart = boundary
  subscription.currentBillingPeriodEnd = addInterval(
    boundary,
    subscription.interval,
    subscription.intervalCount,
  )
  subscription.updatedAt = store.now()
  grantPeriodCredits(store, subscription.id, false)
  const customer = store.indexes.customersById.get(subscription.customerId)
  // No payment method, no billing run: nothing is charged (past_due, trialing, doNotCharge).
  if (!customer || subscription.doNotCharge || subscription.status !== 'active') return
  for (const item of liveItems(store, subscription.id)) {
    const price = store.catalog.pricesById.get(item.priceId ?? '') as SubscriptionPriceRecord | undefined
    if (price && price.unitPrice > 0)
      recordPaidInvoice(store, customer, price, item.quantity, { subscription }, item.name)
  }
}

/**
 * Moves the virtual clock forward by `ms` and replays what would have happened meanwhile:
 * period renewals (fresh credits, paid invoices), scheduled cancellations and plan changes.
 */
export function advanceClock(store: EmulatorStore, ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw badRequest('The clock only moves forward: ms must be >= 0')
  store.data.clockOffsetMs += ms
  const now = store.now()
  for (const subscription of [...store.data.subscriptions]) {
    while (subscription.current && subscription.currentBillingPeriodEnd !== null) {
      const boundary = subscription.currentBillingPeriodEnd
      if (boundary > now) break
      rollPeriod(store, subscription, boundary)
    }
  }
  store.changed()
}
