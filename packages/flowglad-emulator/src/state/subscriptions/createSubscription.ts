import type { EmulatorStore } from '../EmulatorStore'
import { conflictError, FlowgladApiError, unwrapPanic } from '../FlowgladApiError'
import type { CustomerRecord, Metadata, SubscriptionRecord } from '../records'
import { updateRecord } from '../updateRecord'
import { startSubscription } from './startSubscription'

/** A validated `POST /subscriptions` body. */
export interface CreateSubscriptionInput {
  customerId?: string | undefined
  customerExternalId?: string | undefined
  priceId?: string | undefined
  priceSlug?: string | undefined
  quantity?: number | undefined
  startDate?: number | undefined
  trialEnd?: number | undefined
  metadata?: Metadata | undefined
  name?: string | undefined
  defaultPaymentMethodId?: string | undefined
  backupPaymentMethodId?: string | undefined
  doNotCharge?: boolean | undefined
}

/**
 * `validateAndResolveCustomerForSubscription` (server/routers/subscriptionsRouter.ts): by id the
 * lookup includes archived customers, by externalId it does not; an archived one is then refused
 * by `assertCustomerNotArchived` with an error the middleware does not map (500).
 */
function resolveCustomer(store: EmulatorStore, input: CreateSubscriptionInput): CustomerRecord {
  const customer = input.customerId
    ? store.indexes.customersById.get(input.customerId)
    : input.customerExternalId === undefined
      ? undefined
      : store.liveCustomer(input.customerExternalId)
  if (!customer) {
    throw new FlowgladApiError(
      'NOT_FOUND',
      input.customerId
        ? `Customer with id "${input.customerId}" not found`
        : `Customer with externalId ${input.customerExternalId} not found`,
    )
  }
  if (customer.archived)
    throw new FlowgladApiError('INTERNAL_SERVER_ERROR', 'Cannot create subscription for archived customer')
  return customer
}

/** `validateAndResolvePriceForSubscription`: its messages, word for word. */
function resolvePrice(store: EmulatorStore, input: CreateSubscriptionInput) {
  const ref = input.priceId ? `"${input.priceId}"` : `"${input.priceSlug}"`
  const price = input.priceId
    ? store.catalog.pricesById.get(input.priceId)
    : store.catalog.pricesBySlug.get(input.priceSlug ?? '')
  if (!price) {
    throw new FlowgladApiError(
      'NOT_FOUND',
      input.priceId
        ? `Price with id "${input.priceId}" not found`
        : `Price with slug "${input.priceSlug}" not found for this customer's pricing model`,
    )
  }
  if (price.type === 'usage')
    throw new FlowgladApiError(
      'BAD_REQUEST',
      `Price ${ref} is a usage price and cannot be used to create a subscription directly. Use a subscription price instead.`,
    )
  if (price.type === 'single_payment')
    throw new FlowgladApiError(
      'BAD_REQUEST',
      `Price ${price.id} is a single payment price and cannot be used to create a subscription.`,
    )
  return price
}

/**
 * `POST /subscriptions` as Flowglad's `createSubscriptionWorkflow` runs it (autoStart): a paid
 * price first cancels the customer's active free plan (`upgraded_to_paid`); then a customer that
 * still has a current subscription is refused (409), as is a second free plan. The new
 * subscription is `trialing` with a trial, `active` with a default payment method or when
 * `doNotCharge`, and otherwise `incomplete` (not current: the customer is left without a current
 * plan until it is paid). Nothing changes when it is refused.
 */
export function createSubscription(store: EmulatorStore, input: CreateSubscriptionInput): SubscriptionRecord {
  const customer = resolveCustomer(store, input)
  const price = resolvePrice(store, input)
  for (const pmId of [input.defaultPaymentMethodId, input.backupPaymentMethodId]) {
    if (pmId && !store.data.paymentMethods.some((pm) => pm.id === pmId))
      throw unwrapPanic('payment methods', pmId)
  }
  const current = store.indexes.subscriptionsByCustomer.get(customer.id).filter((s) => s.current)
  const isPaid = price.unitPrice !== 0
  const freeToCancel = isPaid ? current.filter((s) => s.isFreePlan && s.status === 'active') : []
  const remaining = current.filter((s) => !freeToCancel.includes(s))
  if (!isPaid && remaining.some((s) => s.isFreePlan)) {
    throw conflictError(
      'Subscription',
      `Customer ${customer.id} already has an active free subscription. Only one free subscription is allowed per customer. Please upgrade or cancel the existing free subscription before creating a new one.`,
    )
  }
  if (remaining.length > 0) {
    throw conflictError(
      'Subscription',
      `Customer ${customer.id} already has an active subscription. Please cancel the existing subscription before creating a new one.`,
    )
  }
  for (const pmId of [input.defaultPaymentMethodId, input.backupPaymentMethodId]) {
    const pm = store.data.paymentMethods.find((p) => p.id === pmId)
    if (pm && pm.customerId !== customer.id) {
      const field = pmId === input.defaultPaymentMethodId ? 'defaultPaymentMethod' : 'backupPaymentMethod'
      throw new FlowgladApiError(
        'BAD_REQUEST',
        `Invalid ${field}: Customer ${customer.id} does not match ${field === 'defaultPaymentMethod' ? 'default' : 'backup'} payment method ${pm.customerId}`,
      )
    }
  }
  const subscription = startSubscription(store, customer, price, {
    ...(input.quantity ? { quantity: input.quantity } : {}),
    ...(input.startDate ? { startDate: input.startDate } : {}),
    ...(input.trialEnd ? { trialEnd: input.trialEnd } : {}),
    ...(input.metadata ? { metadata: input.metadata } : {}),
    ...(input.name ? { name: input.name } : {}),
    ...(input.defaultPaymentMethodId ? { defaultPaymentMethodId: input.defaultPaymentMethodId } : {}),
    ...(input.backupPaymentMethodId ? { backupPaymentMethodId: input.backupPaymentMethodId } : {}),
    ...(input.doNotCharge !== undefined ? { doNotCharge: input.doNotCharge } : {}),
    autoStart: true,
  })
  const now = store.now()
  for (const free of freeToCancel) {
    updateRecord(free, {
      status: 'canceled',
      current: false,
      canceledAt: now,
      cancellationReason: 'upgraded_to_paid',
      replacedBySubscriptionId: subscription.id,
      updatedAt: now,
    })
  }
  store.changed()
  return subscription
}
