import type { EmulatorStore } from '../EmulatorStore'
import { domainNotFound, terminalStateError, validationError } from '../FlowgladApiError'
import type { SubscriptionItemRecord, SubscriptionPriceRecord, SubscriptionRecord } from '../records'
import { updateRecord } from '../updateRecord'
import { grantAdjustmentCredits } from '../usage/credits'
import { fractionThroughPeriod, netCharge, recordProrationInvoice } from './prorateAdjustment'
import { addSubscriptionItem, expireSubscriptionItems, liveItems } from './subscriptionItems'

/** When a plan change applies; `auto` = downgrades at the end of the period, anything else now. */
export type AdjustmentTiming = 'immediately' | 'at_end_of_current_billing_period' | 'auto'

/** A validated `POST /subscriptions/{id}/adjust` body (`adjustment`). */
export interface AdjustmentInput {
  timing: AdjustmentTiming
  newSubscriptionItems: Array<{
    priceId?: string | null | undefined
    priceSlug?: string | undefined
    quantity?: number | undefined
  }>
  prorateCurrentBillingPeriod?: boolean | undefined
}

/** What Flowglad answers to an adjustment. */
export interface AdjustmentResult {
  subscription: SubscriptionRecord
  subscriptionItems: SubscriptionItemRecord[]
  isUpgrade: boolean
  resolvedTiming: 'immediately' | 'at_end_of_current_billing_period'
}

/** Replaces a subscription's items now: new features, a fresh allowance, and the plan's name and price. */
export function applySubscriptionItems(
  store: EmulatorStore,
  subscription: SubscriptionRecord,
  items: Array<{ price: SubscriptionPriceRecord; quantity: number }>,
): void {
  expireSubscriptionItems(store, subscription.id)
  const added = items.map(({ price, quantity }) =>
    addSubscriptionItem(store, subscription.id, price, quantity),
  )
  // adjustSubscription.ts `syncSubscriptionWithActiveItems`: the subscription takes the name and
  // price of its dearest item (unitPrice × quantity; a tie goes to the newer, i.e. later, item).
  const primary = added.reduce<(typeof added)[number] | undefined>(
    (best, item) => (!best || item.unitPrice * item.quantity >= best.unitPrice * best.quantity ? item : best),
    undefined,
  )
  if (primary) {
    updateRecord(subscription, {
      priceId: primary.priceId ?? subscription.priceId,
      name: primary.name ?? subscription.name,
      isFreePlan: items.every(({ price }) => price.unitPrice === 0),
    })
  }
  updateRecord(subscription, { scheduledAdjustmentAt: null, updatedAt: store.now() })
}

const periodTotal = (items: Array<{ unitPrice: number; quantity: number }>) =>
  items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0)

const TERMINAL = new Set(['canceled', 'incomplete_expired'])

/**
 * The subscription-state refusals of Flowglad's `calculateAdjustmentPreview`
 * (subscriptions/adjustSubscription.ts), in its order, as `convertPreviewFailureToError` words them.
 */
function checkAdjustable(store: EmulatorStore, id: string): SubscriptionRecord {
  const subscription = store.indexes.subscriptionsById.get(id)
  if (!subscription) throw domainNotFound('Subscription', id)
  const refuse = (reason: string) => validationError('subscription', reason)
  if (TERMINAL.has(subscription.status)) throw terminalStateError('Subscription', id, subscription.status)
  // (Flowglad's credit_trial refusal comes here; the emulator has no credit-trial subscriptions.)
  if (!subscription.renews)
    throw refuse(
      `Subscription ${id} is a non-renewing subscription. Non-renewing subscriptions cannot be adjusted.`,
    )
  if (subscription.doNotCharge)
    throw refuse('Cannot adjust doNotCharge subscriptions. Cancel and create a new subscription instead.')
  if (subscription.isFreePlan)
    throw refuse(
      'Cannot adjust free plan subscriptions. Use createSubscription to upgrade from a free plan instead.',
    )
  if (store.data.scheduledAdjustments.some((a) => a.subscriptionId === id))
    throw refuse(
      'A scheduled adjustment is already pending. Cancel the scheduled adjustment before making a new one.',
    )
  if (subscription.status === 'cancellation_scheduled')
    throw refuse('A cancellation is scheduled. Uncancel the subscription before adjusting.')
  return subscription
}

/** An adjustment item's price: unknown is 404 `Price not found: <ref>`, a non-recurring price is refused. */
function adjustmentPrice(store: EmulatorStore, item: AdjustmentInput['newSubscriptionItems'][number]) {
  const ref = item.priceSlug ?? item.priceId ?? ''
  const price = item.priceSlug
    ? store.catalog.pricesBySlug.get(item.priceSlug)
    : store.catalog.pricesById.get(item.priceId ?? '')
  if (!price) throw domainNotFound('Price', ref)
  if (price.type !== 'subscription')
    throw validationError(
      'subscription',
      `Only recurring prices can be used in subscriptions. Price ${price.id} is of type ${price.type}`,
    )
  return price
}

/**
 * `POST /subscriptions/{id}/adjust`. `auto` applies now unless the new plan costs less
 * (`autoDetectTiming`: same price = now); an end-of-period upgrade is refused; an immediate
 * prorated upgrade needs a payment method on the subscription.
 */
export function adjustSubscription(
  store: EmulatorStore,
  id: string,
  input: AdjustmentInput,
): AdjustmentResult {
  const subscription = checkAdjustable(store, id)
  const items = input.newSubscriptionItems.map((item) => ({
    price: adjustmentPrice(store, item),
    quantity: item.quantity ?? 1,
  }))
  const newTotal = periodTotal(items.map(({ price, quantity }) => ({ unitPrice: price.unitPrice, quantity })))
  const oldTotal = periodTotal(liveItems(store, id))
  const isUpgrade = newTotal > oldTotal
  const resolvedTiming =
    input.timing === 'auto'
      ? newTotal < oldTotal
        ? 'at_end_of_current_billing_period'
        : 'immediately'
      : input.timing
  if (resolvedTiming === 'at_end_of_current_billing_period' && isUpgrade)
    throw validationError(
      'subscription',
      'EndOfCurrentBillingPeriod adjustments are only allowed for downgrades (zero or negative net charge). ' +
        'For upgrades or adjustments with a positive charge, use Immediately timing instead.',
    )
  const prorate = input.prorateCurrentBillingPeriod ?? true
  const paymentMethodId = subscription.defaultPaymentMethodId ?? subscription.backupPaymentMethodId
  const charge =
    resolvedTiming === 'immediately' && prorate ? netCharge(store, subscription, oldTotal, newTotal) : 0
  if (charge > 0 && !paymentMethodId)
    throw validationError(
      'subscription',
      'No payment method found for subscription. A payment method is required for immediate adjustments with proration.',
    )

  if (resolvedTiming === 'immediately') {
    // The billing run for the net charge (paid at once here), then the items and the prorated
    // credit delta (`handleSubscriptionItemAdjustment`); without proration, no charge at all.
    const customer = store.indexes.customersById.get(subscription.customerId)
    if (charge > 0 && customer) recordProrationInvoice(store, customer, subscription, charge)
    const after = 1 - fractionThroughPeriod(store, subscription)
    applySubscriptionItems(store, subscription, items)
    grantAdjustmentCredits(store, subscription.id, after)
  } else {
    const at = subscription.currentBillingPeriodEnd ?? store.now()
    store.data.scheduledAdjustments.push({
      subscriptionId: id,
      items: items.map(({ price, quantity }) => ({ priceId: price.id, quantity })),
      at,
    })
    updateRecord(subscription, { scheduledAdjustmentAt: at, updatedAt: store.now() })
  }
  store.changed()
  return { subscription, subscriptionItems: liveItems(store, id), isUpgrade, resolvedTiming }
}
