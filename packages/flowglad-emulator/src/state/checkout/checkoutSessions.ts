import { ORGANIZATION_ID } from '../constants'
import type { EmulatorStore } from '../EmulatorStore'
import { badRequest, notFound, validationError } from '../FlowgladApiError'
import type { CheckoutSessionRecord, CheckoutSessionType, CustomerRecord, Metadata } from '../records'

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
 * The named customer, or null for a product checkout (whose refusals depend on the price first,
 * see `productPrice`). Other checkout types need a live customer.
 */
function checkoutCustomer(store: EmulatorStore, input: CheckoutSessionInput) {
  const externalId = input.customerExternalId ?? ''
  const customer = store.liveCustomer(externalId)
  if (customer || input.type === 'product') return customer ?? null
  return store.customer(externalId)
}

/**
 * A product checkout's price, refused in the order of Flowglad's `createCheckoutSession`
 * (utils/bookkeeping/createCheckoutSession.ts): a slug needs the customer, then the price must
 * exist, not be a usage price, not belong to the default product, and only then must a
 * non-anonymous checkout have its customer. Each is a ValidationError, so a 500 (FlowgladApiError.ts).
 */
function productPrice(
  store: EmulatorStore,
  input: CheckoutSessionInput,
  customer: CustomerRecord | null,
  anonymous: boolean,
) {
  if (!input.priceId && !input.priceSlug) throw badRequest('A product checkout needs priceId or priceSlug')
  if (input.priceSlug && !anonymous && !customer)
    throw validationError(
      'customer',
      'Customer is required to resolve price slug for identified checkout sessions',
    )
  const price = input.priceSlug
    ? store.catalog.pricesBySlug.get(input.priceSlug)
    : store.catalog.pricesById.get(input.priceId ?? '')
  if (!price && input.priceSlug)
    throw validationError(
      'priceSlug',
      anonymous
        ? `Price with slug "${input.priceSlug}" not found in organization's default pricing model`
        : `Price with slug "${input.priceSlug}" not found for customer's pricing model`,
    )
  if (!price)
    throw validationError(
      'priceId',
      `Invalid or not-found price ID: no matching price found for id "${input.priceId}"`,
    )
  if (price.type === 'usage')
    throw validationError(
      'priceId',
      'Checkout sessions are only supported for product prices (subscription/single payment), not usage prices',
    )
  if (store.catalog.productsById.get(price.productId ?? '')?.default)
    throw validationError(
      'product',
      'Checkout sessions cannot be created for default products. Default products are automatically assigned to customers and do not require manual checkout.',
    )
  // The `panic` on a missing customer reaches the wire as a ValidationError on `checkoutSession` (oracle).
  if (!anonymous && !customer)
    throw validationError(
      'checkoutSession',
      `Required customer not found for Product checkout (anonymous=false). externalId='${input.customerExternalId ?? ''}', organization='${ORGANIZATION_ID}'.`,
    )
  return price
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
    const price = productPrice(store, input, customer, anonymous)
    // Flowglad's default: one current subscription per customer; a paid one is changed with adjust.
    const paid =
      customer &&
      store.indexes.subscriptionsByCustomer.get(customer.id).find((s) => s.current && !s.isFreePlan)
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
