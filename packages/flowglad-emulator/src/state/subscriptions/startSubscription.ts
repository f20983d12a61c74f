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

/** createSubscription/initializers.ts: `<product> - <price>`, or the product's name when the price has none. */
function subscriptionName(productName: string, priceName: string | null): string {
  return `${productName}${priceName ? ` - ${priceName}` : ''}`
}

/**
 * Whether the first period's credits are granted when the subscription starts. Flowglad grants
 * them with a BillingPeriodTransition ledger command: at creation for a free plan or a trial
 * (createSubscription/workflow.ts), else from the billing run once the first payment succeeds
 * (the emulator charges at once, so a paid plan with a card grants now). A `doNotCharge` plan has
 * a billing period but no billing run (helpers.ts `maybeCreateInitialBillingPeriodAndRun`), so its
 * first period grants nothing; its credits come with the first renewal. Seen on the oracle with
 * its Trigger.dev tasks run (scripts/oracle/task-runner.ts).
 */
function grantsAtStart(subscription: SubscriptionRecord): boolean {
  if (!subscription.current) return false
  if (subscription.isFreePlan || subscription.status === 'trialing') return true
  return !subscription.doNotCharge
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
    name: options.name ?? subscriptionName(product?.name ?? '', price.name),
    renews: true,
    pricingModelId: price.pricingModelId,
    scheduledAdjustmentAt: null,
    current: isCurrentStatus[status],
  }
  store.data.subscriptions.push(subscription)
  // subscriptions/createSubscription/workflow.ts: every subscription created emits subscription.created.
  emitEvent(store, 'subscription.created', subscription, customer)
  const quantity = options.quantity ?? 1
  // initializers.ts names the first item `<price>` or `<price> x <quantity>`.
  addSubscriptionItem(store, subscription.id, price, quantity, {
    name: `${price.name ?? product?.name ?? ''}${quantity > 1 ? ` x ${quantity}` : ''}`,
  })
  if (grantsAtStart(subscription)) grantPeriodCredits(store, subscription.id, true)
  return subscription
}

/** Subscribes a customer to the pricing model's default product, as Flowglad does on creation. */
export function startDefaultSubscription(
  store: EmulatorStore,
  customer: CustomerRecord,
): SubscriptionRecord | null {
  const defaultProduct = store.catalog.pricingModel.defaultProduct
  const defaultPrice = defaultProduct?.defaultPrice
  if (defaultPrice?.type !== 'subscription') return null
  // utils/bookkeeping.ts `createCustomerBookkeeping` and cancelSubscription.ts
  // `reassignDefaultSubscription` both name it `<default product> Subscription`.
  return startSubscription(store, customer, defaultPrice, { name: `${defaultProduct?.name} Subscription` })
}
