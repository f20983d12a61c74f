import { z } from 'zod'
import { adjustSubscription } from '../../state/adjustSubscription'
import { cancelSubscription, uncancelSubscription } from '../../state/cancelSubscription'
import { badRequest, notFound } from '../../state/FlowgladApiError'
import { requireSubscriptionPrice, startSubscription } from '../../state/startSubscription'
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
    handle: ({ store, params }) => ({ subscription: store.subscription(params.id as string) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/subscriptions',
    body: createBody,
    handle: ({ store, body }) => {
      const customer = body.customerExternalId
        ? store.customer(body.customerExternalId)
        : store.data.customers.find((c) => c.id === body.customerId && !c.archived)
      if (!customer) throw notFound('Customer', body.customerId ?? '')
      const price = requireSubscriptionPrice(store.price(body))
      if (
        body.defaultPaymentMethodId &&
        !store.data.paymentMethods.some((pm) => pm.id === body.defaultPaymentMethodId)
      ) {
        throw badRequest(`Payment method ${body.defaultPaymentMethodId} not found`)
      }
      const subscription = startSubscription(store, customer, price, {
        ...(body.quantity ? { quantity: body.quantity } : {}),
        ...(body.startDate ? { startDate: Date.parse(body.startDate) } : {}),
        ...(body.trialEnd ? { trialEnd: body.trialEnd } : {}),
        ...(body.metadata ? { metadata: body.metadata } : {}),
        ...(body.name ? { name: body.name } : {}),
        ...(body.defaultPaymentMethodId ? { defaultPaymentMethodId: body.defaultPaymentMethodId } : {}),
        ...(body.doNotCharge !== undefined ? { doNotCharge: body.doNotCharge } : {}),
      })
      store.changed()
      // The spec's 200 body is `{ subscription }` only (strict), though sdk-reference lists items too.
      return { subscription }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/subscriptions/:id/cancel',
    body: z.object({
      cancellation: z.object({ timing: z.enum(['at_end_of_current_billing_period', 'immediately']) }),
    }),
    handle: ({ store, params, body }) => ({
      subscription: cancelSubscription(store, params.id as string, body.cancellation.timing),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/subscriptions/:id/uncancel',
    handle: ({ store, params }) => ({ subscription: uncancelSubscription(store, params.id as string) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/subscriptions/:id/adjust',
    body: adjustBody,
    handle: ({ store, params, body }) => adjustSubscription(store, params.id as string, body.adjustment),
  }),
]
