import { z } from 'zod'
import { unwrapPanic, unwrapped } from '../../state/FlowgladApiError'
import { adjustSubscription } from '../../state/subscriptions/adjustSubscription'
import { cancelSubscription, uncancelSubscription } from '../../state/subscriptions/cancelSubscription'
import { createSubscription } from '../../state/subscriptions/createSubscription'
import { defineRoute } from '../defineRoute'
import { idSchema, metadataSchema } from '../schemas'

const oneOf = (keys: string[]) => (value: Record<string, unknown>) =>
  keys.filter((key) => value[key] !== undefined && value[key] !== null).length === 1

const newItemSchema = z
  .object({
    priceId: idSchema.nullish(),
    priceSlug: idSchema.optional(),
    quantity: z.number().int().positive().optional(),
  })
  .refine(oneOf(['priceId', 'priceSlug']), { message: 'Each item needs exactly one of priceId or priceSlug' })

const adjustBody = z.object({
  adjustment: z.object({
    timing: z.enum(['immediately', 'at_end_of_current_billing_period', 'auto']),
    newSubscriptionItems: z.array(newItemSchema).min(1),
    prorateCurrentBillingPeriod: z.boolean().optional(),
  }),
})

const createBody = z
  .object({
    customerId: idSchema.optional(),
    customerExternalId: idSchema.optional(),
    priceId: idSchema.optional(),
    priceSlug: idSchema.optional(),
    quantity: z.number().int().positive().optional(),
    startDate: z.iso.datetime({ offset: true }).optional(),
    trialEnd: z.number().int().optional(),
    metadata: metadataSchema.optional(),
    name: z.string().optional(),
    defaultPaymentMethodId: z.string().optional(),
    backupPaymentMethodId: z.string().optional(),
    doNotCharge: z.boolean().optional(),
    interval: z.enum(['day', 'week', 'month', 'year']).optional(),
    intervalCount: z.number().int().positive().optional(),
  })
  .refine(oneOf(['customerId', 'customerExternalId']), {
    message: 'Provide exactly one of customerId or customerExternalId',
  })
  .refine(oneOf(['priceId', 'priceSlug']), { message: 'Provide exactly one of priceId or priceSlug' })

/** `/api/v1/subscriptions/*`. */
export const subscriptionRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/subscriptions/:id',
    // subscriptionsRouter `getSubscriptionProcedure` unwraps the lookup twice: unknown id = 500 panic.
    handle: ({ store, params }) => {
      const subscription = store.indexes.subscriptionsById.get(params.id)
      if (!subscription) throw unwrapPanic('subscriptions', params.id, 2)
      return { subscription }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/subscriptions',
    body: createBody,
    // The spec's 200 body is `{ subscription }` only (strict), though sdk-reference lists items too.
    // createSubscriptionProcedure `.unwrap()`s the workflow's Result: its domain errors are panics.
    handle: ({ store, body }) => ({
      subscription: unwrapped(() =>
        createSubscription(store, {
          ...body,
          ...(body.startDate ? { startDate: Date.parse(body.startDate) } : { startDate: undefined }),
        }),
      ),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/subscriptions/:id/cancel',
    body: z.object({
      cancellation: z.object({ timing: z.enum(['at_end_of_current_billing_period', 'immediately']) }),
    }),
    handle: ({ store, params, body }) => ({
      subscription: cancelSubscription(store, params.id, body.cancellation.timing),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/subscriptions/:id/uncancel',
    handle: ({ store, params }) => ({ subscription: uncancelSubscription(store, params.id) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/subscriptions/:id/adjust',
    body: adjustBody,
    // adjustSubscriptionProcedure: `Result.ok(result.unwrap())`, so every refusal is a panic.
    handle: ({ store, params, body }) =>
      unwrapped(() => adjustSubscription(store, params.id, body.adjustment)),
  }),
]
