import { grantPeriodCredits } from './credits'
import type { EmulatorStore } from './EmulatorStore'
import { badRequest } from './FlowgladApiError'
import { recordPaidInvoice } from './payments'
import type { SubscriptionItemRecord, SubscriptionPriceRecord, SubscriptionRecord } from './records'
import { requireSubscriptionPrice } from './startSubscription'
import { addSubscriptionItem, expireSubscriptionItems, liveItems } from './subscriptionItems'

/** When a plan change applies; `auto` = upgrades now, downgrades at the end of the period. */
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
  for (const { price, quantity } of items) addSubscriptionItem(store, subscription.id, price, quantity)
  const primary = items[0]?.price
  if (primary) {
    Object.assign(subscription, {
      priceId: primary.id,
      name: store.catalog.productsById.get(primary.productId)?.name ?? primary.name,
      isFreePlan: items.every(({ price }) => price.unitPrice === 0),
    })
  }
  Object.assign(subscription, { scheduledAdjustmentAt: null, updatedAt: store.now() })
  grantPeriodCredits(store, subscription.id, false)
}

const periodTotal = (items: Array<{ unitPrice: number; quantity: number }>) =>
  items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0)

/** `POST /subscriptions/{id}/adjust`. */
export function adjustSubscription(
  store: EmulatorStore,
  id: string,
  input: AdjustmentInput,
): AdjustmentResult {
  const subscription = store.subscription(id)
  if (!subscription.current)
    throw badRequest(
      `Subscription ${id} is ${subscription.status}; only current subscriptions can be adjusted`,
    )
  if (input.newSubscriptionItems.length === 0) throw badRequest('newSubscriptionItems must not be empty')
  const items = input.newSubscriptionItems.map((item) => ({
    price: requireSubscriptionPrice(
      store.price({ priceId: item.priceId ?? undefined, priceSlug: item.priceSlug }),
    ),
    quantity: item.quantity ?? 1,
  }))
  const isUpgrade =
    periodTotal(items.map(({ price, quantity }) => ({ unitPrice: price.unitPrice, quantity }))) >
    periodTotal(liveItems(store, id))
  const resolvedTiming =
    input.timing === 'auto' ? (isUpgrade ? 'immediately' : 'at_end_of_current_billing_period') : input.timing

  store.data.scheduledAdjustments = store.data.scheduledAdjustments.filter((a) => a.subscriptionId !== id)
  if (resolvedTiming === 'immediately') {
    applySubscriptionItems(store, subscription, items)
    const customer = store.data.customers.find((c) => c.id === subscription.customerId)
    if (isUpgrade && customer && !subscription.doNotCharge) {
      for (const { price, quantity } of items)
        recordPaidInvoice(store, customer, price, quantity, { subscription })
    }
  } else {
    const at = subscription.currentBillingPeriodEnd ?? store.now()
    store.data.scheduledAdjustments.push({
      subscriptionId: id,
      items: items.map(({ price, quantity }) => ({ priceId: price.id, quantity })),
      at,
    })
    Object.assign(subscription, { scheduledAdjustmentAt: at, updatedAt: store.now() })
  }
  store.changed()
  return { subscription, subscriptionItems: liveItems(store, id), isUpgrade, resolvedTiming }
}
