import { z } from 'zod'
import { customerBilling } from '../../state/customers/customerBilling'
import { archiveCustomer, createCustomer, updateCustomer } from '../../state/customers/customers'
import { FlowgladApiError } from '../../state/FlowgladApiError'
import { meterBalances } from '../../state/usage/credits'
import { defineRoute } from '../defineRoute'
import { billingAddressSchema, idSchema } from '../schemas'

const createBody = z.object({
  customer: z.object({
    email: z.string().min(1),
    name: z.string(),
    externalId: idSchema,
    archived: z.boolean().optional(),
    logoURL: z.string().nullish(),
    iconURL: z.string().nullish(),
    domain: z.string().nullish(),
    userId: z.string().nullish(),
  }),
})

const updateBody = z.object({
  customer: z.object({
    id: z.string().optional(),
    email: z.string().min(1).optional(),
    name: z.string().optional(),
    logoURL: z.string().nullish(),
    iconURL: z.string().nullish(),
    domain: z.string().nullish(),
    userId: z.string().nullish(),
    billingAddress: billingAddressSchema.nullish(),
  }),
  externalId: z.string().optional(),
})

/** `/api/v1/customers/*`. */
export const customerRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/customers',
    body: createBody,
    handle: ({ store, body }) => ({ data: createCustomer(store, body.customer) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/customers/:externalId',
    handle: ({ store, params }) => ({ customer: store.customer(params.externalId) }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/v1/customers/:externalId',
    body: updateBody,
    handle: ({ store, params, body }) => {
      const { id, ...patch } = body.customer
      return { customer: updateCustomer(store, params.externalId, patch) }
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/customers/:externalId/billing',
    handle: ({ store, params }) => customerBilling(store, params.externalId),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/customers/:externalId/usage-balances',
    query: z.object({ subscriptionId: z.string().optional() }),
    handle: ({ store, params, query }) => {
      const customer = store.customer(params.externalId)
      // customersRouter `getCustomerUsageBalances`: a named subscription counts whatever its status;
      // without one, only current subscriptions do.
      const own = store.indexes.subscriptionsByCustomer.get(customer.id)
      const subscriptions = query.subscriptionId
        ? own.filter((s) => s.id === query.subscriptionId)
        : own.filter((s) => s.current)
      if (query.subscriptionId && subscriptions.length === 0) {
        throw new FlowgladApiError(
          'NOT_FOUND',
          `Subscription with id ${query.subscriptionId} not found for customer ${params.externalId}`,
        )
      }
      return { usageMeterBalances: subscriptions.flatMap((s) => meterBalances(store, s.id)) }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/customers/:externalId/archive',
    handle: ({ store, params }) => ({ customer: archiveCustomer(store, params.externalId) }),
  }),
]
