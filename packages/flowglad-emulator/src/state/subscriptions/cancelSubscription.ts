import type { EmulatorStore } from '../EmulatorStore'
import { emitEvent } from '../events/emitEvent'
import { unwrapPanic, validationError } from '../FlowgladApiError'
import type { SubscriptionRecord } from '../records'
import { releaseAllResourceClaims } from '../resources/resourceClaims'
import { updateRecord } from '../updateRecord'
import { startDefaultSubscription } from './startSubscription'
import { expireSubscriptionItems } from './subscriptionItems'

/** When a cancellation takes effect. */
export type CancellationTiming = 'immediately' | 'at_end_of_current_billing_period'

const TERMINAL = new Set(['canceled', 'incomplete_expired'])

/**
 * Ends a subscription now, as `cancelSubscriptionImmediately` (subscriptions/cancelSubscription.ts)
 * does: its items and their features expire, every active resource claim is released
 * (`subscription_canceled`), and `cancellationReason` is set only when one is given (a customer's
 * own cancel leaves it null; archiving passes `customer_archived`). When a paid plan ends and the
 * customer is left with no current subscription, it falls back to the default (free) plan
 * (`reassignDefaultSubscription`), unless the customer is archived.
 */
export function endSubscription(
  store: EmulatorStore,
  subscription: SubscriptionRecord,
  reason: string | null,
): void {
  const now = store.now()
  updateRecord(subscription, {
    status: 'canceled',
    current: false,
    canceledAt: now,
    cancelScheduledAt: subscription.cancelScheduledAt ?? now,
    ...(reason ? { cancellationReason: reason } : {}),
    updatedAt: now,
  })
  store.data.scheduledAdjustments = store.data.scheduledAdjustments.filter(
    (a) => a.subscriptionId !== subscription.id,
  )
  expireSubscriptionItems(store, subscription.id)
  releaseAllResourceClaims(store, subscription.id, 'subscription_canceled')
  const customer = store.indexes.customersById.get(subscription.customerId)
  // subscriptions/cancelSubscription.ts `cancelSubscriptionImmediately` (also what a scheduled cancel runs).
  if (customer) emitEvent(store, 'subscription.canceled', subscription, customer)
  const stillCurrent = store.indexes.subscriptionsByCustomer
    .get(subscription.customerId)
    .some((s) => s.current)
  if (customer && !customer.archived && !subscription.isFreePlan && !stillCurrent) {
    startDefaultSubscription(store, customer)
  }
}

/** The subscription, or the 500 Flowglad answers for an unknown id (it `.unwrap()`s the lookup). */
function subscriptionOrPanic(store: EmulatorStore, id: string): SubscriptionRecord {
  const subscription = store.indexes.subscriptionsById.get(id)
  if (!subscription) throw unwrapPanic('subscriptions', id)
  return subscription
}

/**
 * `POST /subscriptions/{id}/cancel` (subscriptions/cancelSubscription.ts
 * `cancelSubscriptionProcedureTransaction`): the free plan is refused, a subscription already in
 * a terminal state comes back unchanged, a pending scheduled adjustment must be canceled first.
 */
export function cancelSubscription(
  store: EmulatorStore,
  id: string,
  timing: CancellationTiming,
): SubscriptionRecord {
  const subscription = subscriptionOrPanic(store, id)
  if (subscription.isFreePlan) {
    throw validationError(
      'subscription',
      'Cannot cancel the default free plan. Please upgrade to a paid plan instead.',
    )
  }
  if (TERMINAL.has(subscription.status)) return subscription
  if (store.data.scheduledAdjustments.some((a) => a.subscriptionId === id)) {
    throw validationError(
      'subscription',
      'A scheduled adjustment is pending. Cancel the scheduled adjustment before canceling the subscription.',
    )
  }
  // The procedure passes no reason (subscriptionsRouter `cancelSubscriptionProcedure`), so a
  // customer's own cancel leaves `cancellationReason` null, now or at the period end.
  if (timing === 'immediately') {
    endSubscription(store, subscription, null)
  } else {
    const now = store.now()
    updateRecord(subscription, {
      status: 'cancellation_scheduled',
      cancelScheduledAt: subscription.currentBillingPeriodEnd ?? now,
      updatedAt: now,
    })
  }
  store.changed()
  return subscription
}

/**
 * `POST /subscriptions/{id}/uncancel` (`uncancelSubscription`): undoes a scheduled cancellation;
 * any other status (terminal ones included) comes back unchanged. A paid plan needs a payment method.
 */
export function uncancelSubscription(store: EmulatorStore, id: string): SubscriptionRecord {
  const subscription = subscriptionOrPanic(store, id)
  if (subscription.status !== 'cancellation_scheduled') return subscription
  const hasPaymentMethod = [subscription.defaultPaymentMethodId, subscription.backupPaymentMethodId].some(
    (pmId) => pmId && store.data.paymentMethods.some((pm) => pm.id === pmId),
  )
  if (!subscription.isFreePlan && !subscription.doNotCharge && !hasPaymentMethod) {
    throw validationError(
      'paymentMethod',
      'Cannot uncancel paid subscription without an active payment method. Please add a payment method first.',
    )
  }
  updateRecord(subscription, {
    status: subscription.trialEnd && subscription.trialEnd > store.now() ? 'trialing' : 'active',
    cancelScheduledAt: null,
    cancellationReason: null,
    updatedAt: store.now(),
  })
  store.changed()
  return subscription
}
