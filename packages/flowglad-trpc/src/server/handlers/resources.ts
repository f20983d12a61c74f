import type { Flowglad } from '@flowglad/node'
import { flowgladActions } from '../../core/actions'
import {
  claimResourceInput,
  getResourceInput,
  listResourceClaimsInput,
  listResourcesInput,
  releaseResourceInput,
} from '../../core/inputs'
import { targetSubscription } from '../customer/ownership'
import type { CustomerContext } from '../engine/defineHandler'
import { defineHandler } from '../engine/defineHandler'
import type { ClaimResourceResult, ReleaseResourceResult, ResourceUsageDetails } from '../types'

type UsageRecord = Flowglad.ResourceClaimRetrieveUsageResponse['usage']
type ClaimRecord = Flowglad.ResourceClaimRetrieveUsageResponse['claims'][number]

/** Capacity, claimed and available units of one resource on a subscription. */
export interface ResourceUsage extends UsageRecord {}

/** One resource claim. */
export interface ResourceClaim extends ClaimRecord {}

/** The subscription a resource call targets, owned by the customer (from the memoised billing). */
async function subscriptionIdFor(
  { scope }: CustomerContext,
  subscriptionId: string | undefined,
): Promise<string> {
  return targetSubscription(await scope.billing(), subscriptionId).id
}

/**
 * A claim or release by `quantity` is not idempotent: a retry after a lost response would claim
 * twice, so those never retry. By external ids or claim ids they are, so the client's retries stay.
 */
const retriesFor = (input: { quantity?: number | undefined }) =>
  input.quantity === undefined ? {} : { maxRetries: 0 }

/** Resource handlers: ownership and the default subscription cost the billing read, then one call. */
export const resourceHandlers = {
  list: defineHandler(flowgladActions.resources.list)(
    listResourcesInput,
    async (context, input): Promise<{ resources: ResourceUsage[] }> => {
      const subscriptionId = await subscriptionIdFor(context, input?.subscriptionId)
      const usages = await (await context.scope.client()).resourceClaims.listUsages(subscriptionId)
      return { resources: usages.map((entry) => entry.usage) }
    },
  ),
  get: defineHandler(flowgladActions.resources.get)(
    getResourceInput,
    async (context, { subscriptionId, ...resource }): Promise<ResourceUsageDetails> => {
      const target = await subscriptionIdFor(context, subscriptionId)
      return (await context.scope.client()).resourceClaims.retrieveUsage(target, resource)
    },
  ),
  claims: defineHandler(flowgladActions.resources.claims)(
    listResourceClaimsInput,
    async (context, input): Promise<{ claims: ResourceClaim[] }> => {
      const target = await subscriptionIdFor(context, input?.subscriptionId)
      const client = await context.scope.client()
      // @flowglad/node 0.29 has no method for this endpoint; Flowglad's SDK calls it raw as well.
      return client.get(`/api/v1/resource-claims/${encodeURIComponent(target)}/claims`, {
        query: input?.resourceSlug === undefined ? {} : { resourceSlug: input.resourceSlug },
      })
    },
  ),
  claim: defineHandler(flowgladActions.resources.claim)(
    claimResourceInput,
    async (context, { subscriptionId, ...claim }): Promise<ClaimResourceResult> => {
      const target = await subscriptionIdFor(context, subscriptionId)
      return (await context.scope.client()).resourceClaims.claim(target, claim, retriesFor(claim))
    },
  ),
  release: defineHandler(flowgladActions.resources.release)(
    releaseResourceInput,
    async (context, { subscriptionId, ...release }): Promise<ReleaseResourceResult> => {
      const target = await subscriptionIdFor(context, subscriptionId)
      return (await context.scope.client()).resourceClaims.release(target, release, retriesFor(release))
    },
  ),
}
