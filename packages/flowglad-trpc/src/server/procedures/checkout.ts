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
type Target = { successUrl: string; cancelUrl: string; targetSubscriptionId?: string | undefined }

/**
 * Creates the session for the resolved customer. Redirects are checked first (no upstream call for
 * a bad origin), then a target subscription's ownership (from the memoised billing).
 */
async function createSession(
  { runtime, scope }: CustomerContext,
  { successUrl, cancelUrl, targetSubscriptionId }: Target,
  body: (customerExternalId: string) => SessionBody,
): Promise<CheckoutSessionResult> {
  assertAllowedRedirects(runtime.allowedRedirectOrigins, { successUrl, cancelUrl })
  if (targetSubscriptionId !== undefined) ownedSubscription(await scope.billing(), targetSubscriptionId)
  const created = await scope.withCustomer((client) =>
    client.checkoutSessions.create({ checkoutSession: body(scope.customer.externalId) }),
  )
  return { id: created.checkoutSession.id, url: created.url }
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
    (context, input) => {
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
    (context, input) => {
      const { autoRedirect: _clientOnly, ...fields } = input
      return createSession(context, input, (customerExternalId) => ({
        ...fields,
        type: 'activate_subscription',
        customerExternalId,
      }))
    },
  ),
}
