import { type HooksContext, type LooseQueryOptions, retryUnlessClientError } from './hooksContext'

/** `pricing.default` output as the hook reads it. */
export interface PricingPayload {
  pricingModel: unknown
}

/** `usePricing(options?)`: the default pricing model (public: works signed out), or null. */
export function usePricing(ctx: HooksContext, options?: LooseQueryOptions): unknown {
  const query = ctx.proxy.query('pricing.default').useQuery<PricingPayload>(undefined, {
    staleTime: ctx.pricingStaleTime,
    retry: retryUnlessClientError,
    ...options,
  })
  return query.data?.pricingModel ?? null
}
