import { z } from 'zod'
import { createCheckoutSession, getCheckoutSession } from '../../state/checkoutSessions'
import { unwrapPanic } from '../../state/FlowgladApiError'
import { defineRoute } from '../defineRoute'
import { idSchema, metadataSchema } from '../schemas'

const core = {
  customerExternalId: idSchema,
  successUrl: z.url(),
  cancelUrl: z.url(),
  outputMetadata: metadataSchema.nullish(),
  outputName: z.string().optional(),
}

const checkoutSessionSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...core,
      type: z.literal('product'),
      // Spec-valid, so it parses here; the domain answers with a clear 400 (not supported).
      customerExternalId: idSchema.nullish(),
      anonymous: z.boolean().optional(),
      priceId: idSchema.optional(),
      priceSlug: idSchema.optional(),
      quantity: z.number().int().positive().optional(),
      preserveBillingCycleAnchor: z.boolean().optional(),
    })
    .refine((s) => (s.priceId === undefined) !== (s.priceSlug === undefined), {
      message: 'Provide exactly one of priceId or priceSlug',
      path: ['priceId'],
    }),
  z.object({
    ...core,
    type: z.literal('add_payment_method'),
    targetSubscriptionId: idSchema.optional(),
    automaticallyUpdateSubscriptions: z.boolean().nullish(),
  }),
  z.object({
    ...core,
    type: z.literal('activate_subscription'),
    targetSubscriptionId: idSchema,
    preserveBillingCycleAnchor: z.boolean().optional(),
  }),
])

/** `/api/v1/checkout-sessions/*`. */
export const checkoutRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/checkout-sessions',
    body: z.object({ checkoutSession: checkoutSessionSchema }),
    handle: ({ store, body }) => createCheckoutSession(store, body.checkoutSession),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/checkout-sessions/:id',
    // checkoutSessionsRouter's GET unwraps the lookup twice: an unknown id is a 500 panic.
    handle: ({ store, params }) => {
      if (!store.data.checkoutSessions.some((s) => s.id === params.id))
        throw unwrapPanic('checkout sessions', params.id, 2)
      return getCheckoutSession(store, params.id)
    },
  }),
]
