import { ORGANIZATION_ID } from './constants'
import type { EmulatorStore } from './EmulatorStore'
import { badRequest, FlowgladApiError, notFound, validationError } from './FlowgladApiError'
import type { CheckoutSessionRecord, CheckoutSessionType, Metadata } from './records'

const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000

/** A validated `POST /checkout-sessions` body (`checkoutSession`). */
export interface CheckoutSessionInput {
  type: CheckoutSessionType
  /** Absent or null only on an anonymous product checkout. */
  customerExternalId?: string | null | undefined
  anonymous?: boolean | undefined
  successUrl: string
  cancelUrl: string
  outputMetadata?: Metadata | null | undefined
  outputName?: string | undefined
  priceId?: string | undefined
  priceSlug?: string | undefined
  quantity?: number | undefined
  targetSubscriptionId?: string | undefined
  automaticallyUpdateSubscriptions?: boolean | null | undefined
  preserveBillingCycleAnchor?: boolean | undefined
}

/** A session and the hosted page that completes it. */
export interface CheckoutSessionWithUrl {
  checkoutSession: CheckoutSessionRecord
  url: string
}

/**
 * The named customer. For a product checkout by priceId Flowglad's `createCheckoutSession`
 * (utils/bookkeeping/createCheckoutSession.ts) `panic`s (a plain Error, so a 500) on an unknown one.
 */
function checkoutCustomer(store: EmulatorStore, input: CheckoutSessionInput) {
  const externalId = input.customerExternalId ?? ''
  const customer = store.data.customers.find((c) => c.externalId === externalId && !c.archived)
  if (customer) return customer
  if (input.type !== 'product') return store.customer(externalId)
  // A slug is resolved against the customer's pricing model first, which needs the customer.
  if (input.priceSlug)
    throw validationError(
      'customer',
      'Customer is required to resolve price slug for identified checkout sessions',
    )
  throw new FlowgladApiError(
    'INTERNAL_SERVER_ERROR',
    `Required customer not found for Product checkout (anonymous=false). externalId='${externalId}', organization='${ORGANIZATION_ID}'.`,
  )
}

/** Opens a checkout session; its `url` is the emulator's hosted checkout page. */
export function createCheckoutSession(
  store: EmulatorStore,
  input: CheckoutSessionInput,
): CheckoutSessionWithUrl {
  // Anonymous (product only): the buyer is asked for on the hosted page and becomes a customer on Pay.
  const anonymous = input.type === 'product' && (input.anonymous === true || !input.customerExternalId)
  if (!anonymous && !input.customerExternalId)
    throw badRequest(`A ${input.type} checkout needs customerExternalId`)
  const customer = anonymous ? null : checkoutCustomer(store, input)
  let priceId: string | null = null
  if (input.type === 'product') {
    if (!input.priceId && !input.priceSlug) throw badRequest('A product checkout needs priceId or priceSlug')
    const price = input.priceSlug ? store.catalog.pricesBySlug.get(input.priceSlug) : store.price(input)
    if (!price) {
      throw validationError(
        'priceSlug',
        anonymous
          ? `Price with slug "${input.priceSlug}" not found in organization's default pricing model`
          : `Price with slug "${input.priceSlug}" not found for customer's pricing model`,
      )
    }
    if (price.type === 'usage')
      throw badRequest(`Price ${price.slug ?? price.id} is a usage price; it cannot be bought`)
    // Flowglad's default: one current subscription per customer; a paid one is changed with adjust.
    const paid = store.data.subscriptions.find(
      (s) => s.customerId === customer?.id && s.current && !s.isFreePlan,
    )
    if (price.type === 'subscription' && customer && paid) {
      throw badRequest(
        `Customer ${customer.externalId} already has an active subscription (${paid.id}); adjust it instead of checking out another`,
      )
    }
    priceId = price.id
  }
  if (input.targetSubscriptionId) {
    const target = store.subscription(input.targetSubscriptionId)
    if (target.customerId !== customer?.id) throw notFound('Subscription', input.targetSubscriptionId)
  }
  const stamp = store.stamp('chckt_session')
  const session: CheckoutSessionRecord = {
    ...stamp,
    pricingModelId: customer?.pricingModelId ?? store.catalog.pricingModel.id,
    status: 'open',
    billingAddress: null,
    priceId,
    purchaseId: null,
    invoiceId: null,
    quantity: input.quantity ?? 1,
    organizationId: customer?.organizationId ?? ORGANIZATION_ID,
    customerName: customer?.name ?? null,
    customerEmail: customer?.email ?? null,
    customerId: customer?.id ?? null,
    paymentMethodType: null,
    discountId: null,
    successUrl: input.successUrl,
    cancelUrl: input.cancelUrl,
    type: input.type,
    preserveBillingCycleAnchor: input.preserveBillingCycleAnchor ?? false,
    outputMetadata: input.outputMetadata ?? null,
    outputName: input.outputName ?? null,
    targetSubscriptionId: input.targetSubscriptionId ?? null,
    automaticallyUpdateSubscriptions: input.automaticallyUpdateSubscriptions ?? null,
    expires: stamp.createdAt + SESSION_LIFETIME_MS,
  }
  store.data.checkoutSessions.push(session)
  store.changed()
  return { checkoutSession: session, url: store.urls.checkout(session.id) }
}

/** A checkout session by id, or NOT_FOUND. */
export function getCheckoutSession(store: EmulatorStore, id: string): CheckoutSessionWithUrl {
  const session = store.data.checkoutSessions.find((s) => s.id === id)
  if (!session) throw notFound('Checkout session', id)
  return { checkoutSession: session, url: store.urls.checkout(session.id) }
}
