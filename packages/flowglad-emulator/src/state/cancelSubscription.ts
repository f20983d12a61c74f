import type { EmulatorStore } from './EmulatorStore'
import { badRequest } from './FlowgladApiError'
import type { SubscriptionRecord } from './records'
import { startDefaultSubscription } from './startSubscription'

/** When a cancellation takes effect. */
export type CancellationTiming = 'immediately' | 'at_end_of_current_billing_period'

/**
 * Ends a subscription now. When a paid plan ends and the customer is left with no current
 * subscription, it falls back to the default (free) plan, so it keeps its base entitlements.
 */
export function endSubscription(
  store: EmulatorStore,
  subscription: SubscriptionRecord,
  reason: string,
): void {
  const now = store.now()
  Object.assign(subscription, {
    status: 'canceled',
    current: false,
    canceledAt: now,
    cancelScheduledAt: subscription.cancelScheduledAt ?? now,
    cancellationReason: reason,
    updatedAt: now,
  })
  store.data.scheduledAdjustments = store.data.scheduledAdjustments.filter(
    (a) => a.subscriptionId !== subscription.id,
  )
  const customer = store.data.customers.find((c) => c.id === subscription.customerId)
  const stillCurrent = store.data.subscriptions.some(
    (s) => s.customerId === subscription.customerId && s.current,
  )
  if (customer && !customer.archived && !subscription.isFreePlan && !stillCurrent) {
    startDefaultSubscription(store, customer)
  }
}

/** `POST /subscriptions/{id}/cancel`: now, or scheduled for the end of the billing period. */
export function cancelSubscription(
  store: EmulatorStore,
  id: string,
  timing: CancellationTiming,
): SubscriptionRecord {
  const subscription = store.subscription(id)
  if (subscription.status === 'canceled') throw badRequest(`Subscription ${id} is already canceled`)
  if (timing === 'immediately') {
    endSubscription(store, subscription, 'customer_request')
  } else {
    const now = store.now()
    Object.assign(subscription, {
      status: 'cancellation_scheduled',
      cancelScheduledAt: subscription.currentBillingPeriodEnd ?? now,
      cancellationReason: 'customer_request',
      updatedAt: now,
    })
  }
  store.changed()
  return subscription
}

/** `POST /subscriptions/{id}/uncancel`: undoes a scheduled cancellation; otherwise a no-op. */
export function uncancelSubscription(store: EmulatorStore, id: string): SubscriptionRecord {
  const subscription = store.subscription(id)
  if (subscription.status === 'canceled')
    throw badRequest(`Subscription ${id} is canceled and cannot be uncanceled`)
  if (subscription.status === 'cancellation_scheduled') {
    Object.assign(subscription, {
      status: subscription.trialEnd && subscription.trialEnd > store.now() ? 'trialing' : 'active',
      cancelScheduledAt: null,
      cancellationReason: null,
      updatedAt: store.now(),
    })
    store.changed()
  }
  return subscription
}
