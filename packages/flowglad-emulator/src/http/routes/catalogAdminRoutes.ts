import { z } from 'zod'
import { clonePricingModel } from '../../state/admin/clonePricingModel'
import { createFeature, updateFeature } from '../../state/admin/features'
import { createPrice, updatePrice } from '../../state/admin/prices'
import { createPricingModel, updatePricingModel } from '../../state/admin/pricingModels'
import { createProduct, updateProduct } from '../../state/admin/products'
import { createResource, updateResource } from '../../state/admin/resources'
import { createUsageMeter, updateUsageMeter } from '../../state/admin/usageMeters'
import { defineRoute, type Route } from '../defineRoute'
import { idSchema } from '../schemas'

const interval = z.enum(['day', 'week', 'month', 'year'])
const nullableText = z.string().nullish()

/** `pricesClientInsertSchema` variants (the spec's `price` bodies). */
const newPrice = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscription'),
    intervalUnit: interval,
    intervalCount: z.number().int(),
    trialPeriodDays: z.number().int().nullish(),
    isDefault: z.boolean(),
    unitPrice: z.number().int().min(0),
    name: nullableText,
    slug: nullableText,
    active: z.boolean().optional(),
    productId: idSchema.optional(),
    usageEventsPerUnit: z.null().optional(),
    usageMeterId: z.null().optional(),
  }),
  z.object({
    type: z.literal('single_payment'),
    isDefault: z.boolean(),
    unitPrice: z.number().int().min(0),
    name: nullableText,
    slug: nullableText,
    active: z.boolean().optional(),
    productId: idSchema.optional(),
    intervalUnit: z.null().optional(),
    intervalCount: z.null().optional(),
    trialPeriodDays: z.null().optional(),
    usageEventsPerUnit: z.null().optional(),
    usageMeterId: z.null().optional(),
  }),
  z.object({
    type: z.literal('usage'),
    intervalUnit: interval,
    intervalCount: z.number().int(),
    isDefault: z.boolean(),
    unitPrice: z.number().int().min(0),
    usageEventsPerUnit: z.number().int(),
    usageMeterId: idSchema,
    name: nullableText,
    slug: nullableText,
    active: z.boolean().optional(),
    productId: z.null().optional(),
    trialPeriodDays: z.null().optional(),
  }),
])

const productFields = {
  name: z.string(),
  description: nullableText,
  imageURL: nullableText,
  active: z.boolean(),
  singularQuantityLabel: nullableText,
  pluralQuantityLabel: nullableText,
  default: z.boolean().optional(),
}

const featureFields = {
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  active: z.boolean().optional(),
  amount: z.number().int().nullish(),
  usageMeterId: z.string().nullish(),
  renewalFrequency: z.enum(['once', 'every_billing_period']).nullish(),
  resourceId: z.string().nullish(),
}
const featureType = z.enum(['toggle', 'usage_credit_grant', 'resource'])

/** Drops undefined values, so a patch only names what the caller sent. */
const defined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T

/**
 * The admin writes `@flowglad/node` and `FlowgladServerAdmin` make on the catalog: products,
 * prices, usage meters, features, resources and pricing-model clones (issue 14 item 5).
 */
export const catalogAdminRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/products',
    body: z.object({
      product: z.object({ ...productFields, pricingModelId: idSchema, slug: z.string() }),
      price: newPrice,
      featureIds: z.array(z.string()).optional(),
    }),
    handle: ({ store, body }) => ({ product: createProduct(store, defined(body)) }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/v1/products/:id',
    body: z.object({
      product: z.object({ ...productFields, id: z.string(), slug: z.string().optional() }),
    }),
    handle: ({ store, params, body }) => {
      const { id, ...patch } = body.product
      return { product: updateProduct(store, params.id, defined(patch)) }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/prices',
    body: z.object({ price: newPrice }),
    handle: ({ store, body }) => ({ price: createPrice(store, body.price) }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/v1/prices/:id',
    body: z.object({
      price: z.object({
        id: z.string(),
        type: z.enum(['subscription', 'single_payment', 'usage']),
        isDefault: z.boolean(),
        name: nullableText,
        slug: nullableText,
        active: z.boolean().optional(),
      }),
    }),
    handle: ({ store, params, body }) => {
      const { id, type, ...patch } = body.price
      return { price: updatePrice(store, params.id, defined(patch)) }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/usage-meters',
    body: z.object({
      usageMeter: z.object({
        name: z.string(),
        slug: z.string(),
        // `@flowglad/node` sends it; the emulator has one pricing model to put the meter in.
        pricingModelId: z.string().optional(),
        aggregationType: z.enum(['sum', 'count_distinct_properties']).optional(),
      }),
    }),
    handle: ({ store, body }) => {
      const { pricingModelId, ...meter } = body.usageMeter
      return { usageMeter: createUsageMeter(store, defined(meter)) }
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/v1/usage-meters/:id',
    body: z.object({
      usageMeter: z.object({
        id: z.string(),
        name: z.string().optional(),
        slug: z.string().optional(),
        aggregationType: z.enum(['sum', 'count_distinct_properties']).optional(),
      }),
    }),
    handle: ({ store, params, body }) => {
      const { id, ...patch } = body.usageMeter
      return { usageMeter: updateUsageMeter(store, params.id, defined(patch)) }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/features',
    body: z.object({ feature: z.object({ ...featureFields, type: featureType, pricingModelId: idSchema }) }),
    handle: ({ store, body }) => ({ feature: createFeature(store, defined(body.feature)) }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/v1/features/:id',
    body: z.object({
      feature: z.object({
        ...featureFields,
        id: z.string(),
        type: featureType,
        slug: z.string().optional(),
        name: z.string().optional(),
        description: z.string().optional(),
      }),
    }),
    handle: ({ store, params, body }) => {
      const { id, ...patch } = body.feature
      return { feature: updateFeature(store, params.id, defined(patch)) }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/resources',
    body: z.object({
      resource: z.object({
        name: z.string(),
        slug: z.string(),
        pricingModelId: idSchema,
        active: z.boolean().optional(),
      }),
    }),
    handle: ({ store, body }) => {
      const { pricingModelId, ...resource } = body.resource
      return { resource: createResource(store, defined(resource)) }
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/v1/resources/:id',
    body: z.object({
      resource: z.object({
        id: z.string(),
        name: z.string().optional(),
        slug: z.string().optional(),
        active: z.boolean().optional(),
      }),
    }),
    handle: ({ store, params, body }) => {
      const { id, ...patch } = body.resource
      return { resource: updateResource(store, params.id, defined(patch)) }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/pricing-models',
    body: z.object({
      pricingModel: z.object({ name: z.string().min(1), isDefault: z.boolean().optional() }),
      defaultPlanIntervalUnit: interval.optional(),
    }),
    handle: ({ store, body }) => ({ pricingModel: createPricingModel(store, defined(body.pricingModel)) }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/v1/pricing-models/:id',
    body: z.object({
      pricingModel: z.object({
        id: z.string(),
        name: z.string().min(1).max(255).optional(),
        isDefault: z.boolean().optional(),
      }),
    }),
    handle: ({ store, params, body }) => {
      const { id, ...patch } = body.pricingModel
      return { pricingModel: updatePricingModel(store, params.id, defined(patch)) }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/pricing-models/:id/clone',
    body: z.object({ name: z.string(), destinationEnvironment: z.enum(['livemode', 'testmode']).optional() }),
    handle: ({ store, params, body }) => ({ pricingModel: clonePricingModel(store, params.id, body.name) }),
  }),
]
