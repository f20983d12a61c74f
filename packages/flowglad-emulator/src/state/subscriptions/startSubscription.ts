import type { EmulatorStore } from '../EmulatorStore'
import { emitEvent } from '../events/emitEvent'
import { badRequest } from '../FlowgladApiError'
import type {
  CustomerRecord,
  Metadata,
  PriceRecord,
  SubscriptionPriceRecord,
  SubscriptionRecord,
} from '../records'
import { grantPeriodCredits } from '../usage/credits'
import { addInterval } from './addInterval'
import { addSubscriptionItem } from './subscriptionItems'
import { isCurrentStatus } from './subscriptionStatus'

/** Narrows to a recurring price, or explains why a subscription can't be made from it. */
export function requireSubscriptionPrice(price: PriceRecord): SubscriptionPriceRecord {
  if (price.type !== 'subscription') {
    throw badRequest(
      `Price ${price.slug ?? price.id} is a ${price.type} price; subscriptions need a subscription price`,
    )
  }
  return price
}

/** Options for a new subscription beyond its price. */
export interface StartSubscriptionOptions {
  quantity?: number
  defaultPaymentMethodId?: string | null
  backupPaymentMethodId?: string | null
  /**
   * Set by API-created subscriptions (`POST /subscriptions`): Flowglad's `deriveSubscriptionStatus`
   * then makes a paid plan without trial or payment method `incomplete`. Unset = the default plan
   * or a checkout (paid with a method), which start active.
   */
  autoStart?: boolean
  metadata?: Metadata | null
  name?: string | null
  trialEnd?: number | null
  startDate?: number
  doNotCharge?: boolean
}

/**
 * Status of a new subscription (subscriptions/createSubscription/helpers.ts): doNotCharge → active;
 * a trial → trialing; a payment method or the default plan → active; otherwise incomplete.
 */
function initialStatus(
  isDefaultPlan: boolean,
  trialEnd: number | null,
  options: StartSubscriptionOptions,
): 'active' | 'trialing' | 'incomplete' {
  if (options.doNotCharge) return 'active'
  if (trialEnd) return 'trialing'
  if (!options.autoStart || options.defaultPaymentMethodId) return 'active'
  return isDefaultPlan ? 'active' : 'incomplete'
}

/** Creates a subscription on `price`, its item and features, and (when current) its first period's credits. */
export function startSubscription(
  store: EmulatorStore,
  customer: CustomerRecord,
  price: SubscriptionPriceRecord,
  options: StartSubscriptionOptions = {},
): SubscriptionRecord {
  const stamp = store.stamp('sub')
  const start = options.startDate ?? stamp.createdAt
  const product = store.catalog.productsById.get(price.productId)
  const trialEnd =
    options.trialEnd ?? (price.trialPeriodDays ? addInterval(start, 'day', price.trialPeriodDays) : null)
  const status = initialStatus(product?.default === true, trialEnd, options)
  const subscription: SubscriptionRecord = {
    ...stamp,
    startDate: start,
    customerId: customer.id,
    organizationId: customer.organizationId,
    status,
    defaultPaymentMethodId: options.defaultPaymentMethodId ?? null,
    backupPaymentMethodId: options.backupPaymentMethodId ?? null,
    trialEnd,
    currentBillingPeriodStart: start,
    currentBillingPeriodEnd: addInterval(start, price.intervalUnit, price.intervalCount),
    metadata: options.metadata ?? null,
    canceledAt: null,
    cancelScheduledAt: null,
    cancellationReason: null,
    replacedBySubscriptionId: null,
    isFreePlan: price.unitPrice === 0,
    doNotCharge: options.doNotCharge ?? false,
    priceId: price.id,
    runBillingAtPeriodStart: true,
    interval: price.intervalUnit,
    intervalCount: price.intervalCount,
    billingCycleAnchorDate: start,
    name: options.name ?? product?.name ?? price.name,
    renews: true,
    pricingModelId: price.pricingModelId,
    scheduledAdjustmentAt: null,
    current: isCurrentStatus[status],
  }
  store.data.subscriptions.push(subscription)
  // subscriptions/createSubscription/workflow.ts: every subscription created emits subscription.created.
  emitEvent(store, 'subscription.created', subscription, customer)
  addSubscriptionItem(store, subscription.id, price, options.quantity ?? 1)
  if (subscription.current) grantPeriodCredits(store, subscription.id, true)
  return subscription
}

/** Subscribes a customer to the pricing model's default product, as Flowglad does on creation. */
export function startDefaultSubscription(
  store: EmulatorStore,
  customer: CustomerRecord,
): SubscriptionRecord | null {
  const defaultPrice = store.catalog.pricingModel.defaultProduct?.defaultPrice
  if (defaultPrice?.type !== 'subscription') return null
  return startSubscription(store, customer, defaultPrice)
}
