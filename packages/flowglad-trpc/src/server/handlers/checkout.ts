import type { Flowglad } from '@flowglad/node'
import { flowgladActions } from '../../core/actions'
import {
  createActivateSubscriptionCheckoutSessionInput,
  createAddPaymentMethodCheckoutSessionInput,
  createCheckoutSessionInput,
} from '../../core/inputs'
import { ownedSubscription } from '../customer/ownership'
import type { CustomerContext } from '../engine/defineHandler'
import { defineHandler } from '../engine/defineHandler'

/** A created checkout session: where to send the customer. */
export interface CheckoutSessionResult {
  id: string
  url: string
}

type SessionBody = Flowglad.CheckoutSessionCreateParams['checkoutSession']
type Target = { successUrl: string; cancelUrl: string; targetSubscriptionId?: string | undefined }
/** Input fields for the browser only (navigate once created): Flowglad must not see them. */
type ClientOnly = { autoRedirect?: boolean | undefined }

/**
 * Creates the session for the resolved customer. Redirects are checked first (no upstream call for
 * a bad origin), then a target subscription's ownership (from the memoised billing). The URLs
 * forwarded are the normalised ones the input schema produced, the very strings the policy checked.
 */
async function createSession<TInput extends Target & ClientOnly>(
  { runtime, scope }: CustomerContext,
  input: TInput,
  body: (fields: Omit<TInput, keyof ClientOnly>, customerExternalId: string) => SessionBody,
): Promise<CheckoutSessionResult> {
  const { autoRedirect: _clientOnly, ...fields } = input
  const { successUrl, cancelUrl, targetSubscriptionId } = input
  runtime.redirects.check({ successUrl, cancelUrl })
  if (targetSubscriptionId !== undefined) ownedSubscription(await scope.billing(), targetSubscriptionId)
  const created = await scope.withCustomer((client) =>
    client.checkoutSessions.create({ checkoutSession: body(fields, scope.customer.externalId) }),
  )
  return { id: created.checkoutSession.id, url: created.url }
}

/** Checkout handlers: each returns `{ id, url }`. */
export const checkoutHandlers = {
  create: defineHandler(flowgladActions.checkout.create)(createCheckoutSessionInput, (context, input) =>
    createSession(context, input, (fields, customerExternalId) => ({
      ...fields,
      type: 'product',
      customerExternalId,
      quantity: fields.quantity ?? 1,
    })),
  ),
  createAddPaymentMethod: defineHandler(flowgladActions.checkout.createAddPaymentMethod)(
    createAddPaymentMethodCheckoutSessionInput,
    (context, input) =>
      createSession(context, input, (fields, customerExternalId) => ({
        ...fields,
        type: 'add_payment_method',
        customerExternalId,
      })),
  ),
  createActivateSubscription: defineHandler(flowgladActions.checkout.createActivateSubscription)(
    createActivateSubscriptionCheckoutSessionInput,
    (context, input) =>
      createSession(context, input, (fields, customerExternalId) => ({
        ...fields,
        type: 'activate_subscription',
        customerExternalId,
      })),
  ),
}
