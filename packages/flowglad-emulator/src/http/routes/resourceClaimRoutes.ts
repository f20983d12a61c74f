import { z } from 'zod'
import {
  claimResource,
  listResourceClaims,
  releaseResource,
  resourceUsage,
  resourceUsages,
} from '../../state/resourceClaims'
import { defineRoute } from '../defineRoute'
import { idSchema, metadataSchema } from '../schemas'

const exactlyOne = (keys: string[]) => (value: Record<string, unknown>) =>
  keys.filter((key) => value[key] !== undefined).length === 1

const externalId = z.string().min(1).max(255)

const claimBody = z
  .object({
    resourceSlug: idSchema,
    metadata: metadataSchema.optional(),
    quantity: z.number().int().positive().optional(),
    externalId: externalId.optional(),
    externalIds: z.array(externalId).min(1).optional(),
  })
  .refine(exactlyOne(['quantity', 'externalId', 'externalIds']), {
    message: 'Exactly one of quantity, externalId, or externalIds must be provided',
  })

const releaseBody = z
  .object({
    resourceSlug: idSchema,
    quantity: z.number().int().positive().optional(),
    externalId: externalId.optional(),
    externalIds: z.array(externalId).min(1).optional(),
    claimIds: z.array(idSchema).min(1).optional(),
  })
  .refine(exactlyOne(['quantity', 'externalId', 'externalIds', 'claimIds']), {
    message: 'Exactly one of quantity, externalId, externalIds, or claimIds must be provided',
  })

/** A query list param: `?x=a,b` or repeated `?x=a&x=b` (joined with commas before parsing). */
const listParam = z
  .string()
  .optional()
  .transform((value) => (value ? value.split(',').filter(Boolean) : undefined))

const sub = (params: { subscriptionId: string }) => params.subscriptionId

/** `/api/v1/resource-claims/{subscriptionId}/*`. */
export const resourceClaimRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/resource-claims/:subscriptionId/usages',
    query: z.object({ resourceSlugs: listParam, resourceIds: listParam }),
    handle: ({ store, params, query }) => resourceUsages(store, sub(params), query),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/resource-claims/:subscriptionId/usage',
    query: z
      .object({
        resourceSlug: idSchema.optional(),
        resourceId: idSchema.optional(),
        subscriptionId: z.string().optional(),
      })
      .refine((q) => q.resourceSlug !== undefined || q.resourceId !== undefined, {
        message: 'Provide resourceSlug or resourceId',
      }),
    handle: ({ store, params, query }) => resourceUsage(store, sub(params), query),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/resource-claims/:subscriptionId/claims',
    query: z.object({ resourceSlug: idSchema.optional() }),
    handle: ({ store, params, query }) => ({
      claims: listResourceClaims(store, sub(params), query.resourceSlug),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/resource-claims/:subscriptionId/claim',
    body: claimBody,
    handle: ({ store, params, body }) => claimResource(store, sub(params), body),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/resource-claims/:subscriptionId/release',
    body: releaseBody,
    handle: ({ store, params, body }) => releaseResource(store, sub(params), body),
  }),
]
