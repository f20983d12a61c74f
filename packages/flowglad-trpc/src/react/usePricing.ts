import { type HooksContext, type LooseQueryOptions, queryStatus, useFlowgladQuery } from './hooksContext'

/** `pricing.default` output as the hook reads it. */
export interface PricingPayload {
  pricingModel: unknown
}

const selectPricingModel = (payload: PricingPayload) => payload.pricingModel

/**
 * `usePricing(options?)`: the default pricing model (public: works signed out) with the query's
 * status, so a page can tell loading from failure: `{ pricingModel, status, isLoading, error, ... }`.
 */
export function usePricing(ctx: HooksContext, options?: LooseQueryOptions) {
  const query = useFlowgladQuery(ctx, 'pricing.default', undefined, options, selectPricingModel)
  return { ...queryStatus(query), pricingModel: query.data ?? null }
}

/** `usePricingModel(options?)`: Flowglad's shape, the pricing model or null (pending or failed alike). */
export function usePricingModel(ctx: HooksContext, options?: LooseQueryOptions): unknown {
  return usePricing(ctx, options).pricingModel
}
