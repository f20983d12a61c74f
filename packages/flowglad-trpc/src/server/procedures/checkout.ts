import type { Flowglad } from '@flowglad/node'
import {
  createActivateSubscriptionCheckoutSessionInput,
  createAddPaymentMethodCheckoutSessionInput,
  createCheckoutSessionInput,
} from '../../core/inputs'
import type { CustomerContext } from '../operation'
import { defineOperation } from '../operation'
import { ownedSubscription } from '../ownership'
import { assertAllowedRedirects } from '../redirects'

/** A created checkout session: where to send the customer. */
export interface CheckoutSessionResult {
  id: string
  url: string
}

type SessionBody = Flowglad.CheckoutSessionCreateParams['checkoutSession']
type Redirects = { successUrl: string; cancelUrl: string }

/** Validates the redirects (before any upstream call) and creates the session for the resolved customer. */
async function createSession(
  { runtime, scope }: CustomerContext,
  { successUrl, cancelUrl }: Redirects,
  body: (customerExternalId: string) => SessionBody,
): Promise<CheckoutSessionResult> {
  assertAllowedRedirects(runtime.allowedRedirectOrigins, { successUrl, cancelUrl })
  const created = await scope.withCustomer((client) =>
    client.checkoutSessions.create({ checkoutSession: body(scope.customer.externalId) }),
  )
  return { id: created.checkoutSession.id, url: created.url }
}

/** Rejects a target subscription the customer does not own (costs the memoised billing read). */
async function assertOwnsTarget({ scope }: CustomerContext, targetSubscriptionId: string | undefined) {
  if (targetSubscriptionId !== undefined) ownedSubscription(await scope.billing(), targetSubscriptionId)
}

/** Checkout operations: each returns `{ id, url }`. */
export const checkoutOperations = {
  create: defineOperation('customer')(createCheckoutSessionInput, (context, input) => {
    // autoRedirect is for the browser (navigate once created); Flowglad must not see it.
    const { autoRedirect: _clientOnly, ...fields } = input
    return createSession(context, input, (customerExternalId) => ({
      ...fields,
      type: 'product',
      customerExternalId,
      quantity: fields.quantity ?? 1,
    }))
  }),
  createAddPaymentMethod: defineOperation('customer')(
    createAddPaymentMethodCheckoutSessionInput,
    async (context, input) => {
      await assertOwnsTarget(context, input.targetSubscriptionId)
      const { autoRedirect: _clientOnly, ...fields } = input
      return createSession(context, input, (customerExternalId) => ({
        ...fields,
        type: 'add_payment_method',
        customerExternalId,
      }))
    },
  ),
  createActivateSubscription: defineOperation('customer')(
    createActivateSubscriptionCheckoutSessionInput,
    async (context, input) => {
      await assertOwnsTarget(context, input.targetSubscriptionId)
      const { autoRedirect: _clientOnly, ...fields } = input
      return createSession(context, input, (customerExternalId) => ({
        ...fields,
        type: 'activate_subscription',
        customerExternalId,
      }))
    },
  ),
}
