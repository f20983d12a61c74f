import { createCustomer } from '../customers/customers'
import type { EmulatorStore } from '../EmulatorStore'
import { emitEvent } from '../events/emitEvent'
import { badRequest } from '../FlowgladApiError'
import { newId } from '../newId'
import type { CheckoutSessionRecord, CustomerRecord, PaymentMethodRecord, PurchaseRecord } from '../records'
import { startSubscription } from '../subscriptions/startSubscription'
import { updateRecord } from '../updateRecord'
import { grantOnceCredits } from '../usage/credits'
import { getCheckoutSession } from './checkoutSessions'
import { addPaymentMethod, ensurePaymentMethod, recordPaidInvoice, recordPurchase } from './payments'

function completeProduct(
  store: EmulatorStore,
  session: CheckoutSessionRecord,
  customer: CustomerRecord,
  paymentMethod: PaymentMethodRecord,
) {
  const price = store.price({ priceId: session.priceId ?? '' })
  if (price.type === 'usage') throw badRequest(`Price ${price.id} is a usage price`)
  // A single payment is charged once whatever the session's quantity (seen on the oracle: a
  // quantity-3 top-up pays 1000 with a purchase of quantity 1); a subscription takes the quantity.
  const quantity = price.type === 'subscription' ? session.quantity : 1
  // The purchase record's quantity is 1 either way (seen on the oracle for a Pro × 2 checkout).
  const purchase = recordPurchase(store, customer, price, 1)
  session.purchaseId = purchase.id
  emitPaymentEvents(store, customer, purchase)
  if (price.type === 'subscription') {
    const current = store.indexes.subscriptionsByCustomer.get(customer.id).filter((s) => s.current)
    const subscription = startSubscription(store, customer, price, {
      quantity: session.quantity,
      defaultPaymentMethodId: paymentMethod.id,
      ...(session.outputMetadata ? { metadata: session.outputMetadata } : {}),
      ...(session.outputName ? { name: session.outputName } : {}),
    })
    // A paid plan replaces the free plan, as Flowglad does (checkout refuses a second paid plan).
    const now = store.now()
    for (const free of current.filter((s) => s.isFreePlan)) {
      updateRecord(free, {
        status: 'canceled',
        current: false,
        canceledAt: now,
        cancellationReason: 'upgraded_to_paid',
        replacedBySubscriptionId: subscription.id,
        updatedAt: now,
      })
    }
    // The first period's line is the subscription item's (`<price> x <quantity>`).
    const item = store.data.subscriptionItems.find((i) => i.subscriptionId === subscription.id)
    recordPaidInvoice(store, customer, price, quantity, { subscription }, item?.name ?? price.name)
    return
  }
  recordPaidInvoice(store, customer, price, quantity, { purchaseId: purchase.id })
  // utils/bookkeeping/processPaymentIntentStatusUpdated.ts `ledgerCommandForPaymentSucceeded`:
  // the product's first usage-credit feature grants its amount once per payment, whatever the
  // quantity paid for, to the customer's current subscription (none: no grant). The session is
  // completed once (`completeCheckoutSession` refuses a second time), so the grant is once too.
  const target = store.indexes.subscriptionsByCustomer
    .get(customer.id)
    .filter((s) => s.current)
    .at(-1)
  const product = store.catalog.productsById.get(price.productId)
  const credit = product?.features.find((feature) => feature.type === 'usage_credit_grant')
  if (credit?.type === 'usage_credit_grant' && target) {
    grantOnceCredits(store, target.id, credit.usageMeterId, credit.amount)
  }
}

/**
 * utils/bookkeeping/processPaymentIntentStatusUpdated.ts: a succeeded payment emits payment.succeeded,
 * and its purchase, now paid, purchase.completed. The emulator keeps no payment records: the
 * payment's id is minted here.
 */
function emitPaymentEvents(store: EmulatorStore, customer: CustomerRecord, purchase: PurchaseRecord): void {
  emitEvent(
    store,
    'payment.succeeded',
    { id: newId('pym'), pricingModelId: purchase.pricingModelId },
    customer,
  )
  emitEvent(store, 'purchase.completed', purchase, customer)
}

/** Who pays an anonymous checkout: what Flowglad's hosted page asks for. */
export interface CheckoutBuyer {
  email?: string | undefined
  name?: string | undefined
}

/** An anonymous session's buyer becomes a customer (on the default plan, like any new customer). */
function customerFor(
  store: EmulatorStore,
  session: CheckoutSessionRecord,
  buyer: CheckoutBuyer,
): CustomerRecord {
  const existing =
    session.customerId === null ? undefined : store.indexes.customersById.get(session.customerId)
  if (existing) return existing
  const { customer } = createCustomer(store, {
    externalId: newId('anonymous'),
    email: buyer.email?.trim() || `buyer+${session.id}@example.com`,
    name: buyer.name?.trim() || 'Anonymous buyer',
  })
  updateRecord(session, {
    customerId: customer.id,
    customerEmail: customer.email,
    customerName: customer.name,
  })
  return customer
}

/** What pressing Pay does: charges the test card and applies the session's effect. */
export function completeCheckoutSession(
  store: EmulatorStore,
  id: string,
  buyer: CheckoutBuyer = {},
): CheckoutSessionRecord {
  const { checkoutSession: session } = getCheckoutSession(store, id)
  if (session.status !== 'open') throw badRequest(`Checkout session ${id} is ${session.status}, not open`)
  if (store.now() > session.expires) {
    session.status = 'expired'
    store.changed()
    throw badRequest(`Checkout session ${id} has expired`)
  }
  const customer = customerFor(store, session, buyer)
  const kinds: Record<CheckoutSessionRecord['type'], () => void> = {
    product: () => completeProduct(store, session, customer, ensurePaymentMethod(store, customer)),
    add_payment_method: () => {
      const paymentMethod = addPaymentMethod(store, customer)
      const target = session.targetSubscriptionId
        ? store.subscription(session.targetSubscriptionId)
        : undefined
      if (target) target.defaultPaymentMethodId = paymentMethod.id
    },
    activate_subscription: () => {
      const target = store.subscription(session.targetSubscriptionId ?? '')
      const paymentMethod = ensurePaymentMethod(store, customer)
      target.defaultPaymentMethodId = paymentMethod.id
      if (target.status === 'trialing' || target.status === 'incomplete') {
        target.status = 'active'
        target.trialEnd = null
      }
      target.updatedAt = store.now()
    },
  }
  kinds[session.type]()
  updateRecord(session, { status: 'succeeded', paymentMethodType: 'card', updatedAt: store.now() })
  store.changed()
  return session
}
