import { z } from 'zod'
import { createUsageEvent, createUsageEvents, getUsageEvent } from '../../state/usageEvents'
import { defineRoute } from '../defineRoute'
import { idSchema } from '../schemas'

const IDENTIFIERS = ['priceId', 'priceSlug', 'usageMeterId', 'usageMeterSlug'] as const

const usageEventSchema = z
  .object({
    subscriptionId: idSchema,
    // db-core usageEvents insert schema: `z.number().int().positive()`.
    amount: z.number().int().positive(),
    transactionId: idSchema,
    usageDate: z.number().int().optional(),
    properties: z.record(z.string(), z.unknown()).nullish(),
    priceId: idSchema.optional(),
    priceSlug: idSchema.optional(),
    usageMeterId: idSchema.optional(),
    usageMeterSlug: idSchema.optional(),
  })
  .refine((event) => IDENTIFIERS.filter((key) => event[key] !== undefined).length === 1, {
    message: `Provide exactly one of ${IDENTIFIERS.join(', ')}`,
  })

/** `/api/v1/usage-events/*`. */
export const usageEventRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/usage-events',
    body: z.object({ usageEvent: usageEventSchema }),
    handle: ({ store, body }) => ({ usageEvent: createUsageEvent(store, body.usageEvent) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/usage-events/bulk',
    body: z.object({ usageEvents: z.array(usageEventSchema).min(1) }),
    handle: ({ store, body }) => ({ usageEvents: createUsageEvents(store, body.usageEvents) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/usage-events/:id',
    handle: ({ store, params }) => ({ usageEvent: getUsageEvent(store, params.id) }),
  }),
]
