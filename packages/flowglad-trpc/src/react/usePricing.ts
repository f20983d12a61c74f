import { defineHook, type HookSignature, type TypesOf } from './defineHook'
import type { QueryStatus } from './hookResults'
import { type HooksContext, type LooseQueryOptions, queryStatus, useFlowgladQuery } from './hooksContext'
import type {
  FlowgladError,
  FlowgladOutput,
  FlowgladQueryOptions,
  FlowgladTypes,
  PricingModelOf,
} from './routerTypes'

/** `usePricing()`: the public pricing model (null until loaded or after a failure) and its status. */
export interface PricingState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  pricingModel: PricingModelOf<T> | null
}

/** Options of `usePricing` and `usePricingModel`: TanStack query options of `pricing.default`. */
type PricingOptions<T extends FlowgladTypes> = FlowgladQueryOptions<
  FlowgladOutput<T, 'pricing', 'default'>,
  FlowgladError<T>
>

/** The `pricing.default` output fields the hook reads. */
export interface DefaultPricingModelLike {
  pricingModel: unknown
}

const selectPricingModel = (output: DefaultPricingModelLike) => output.pricingModel

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

/** Public signature of `usePricing`, for the app's Flowglad types. */
export interface UsePricing extends HookSignature {
  signature: (options?: PricingOptions<TypesOf<this>>) => PricingState<TypesOf<this>>
}
/** Public signature of `usePricingModel`, for the app's Flowglad types. */
export interface UsePricingModel extends HookSignature {
  signature: (options?: PricingOptions<TypesOf<this>>) => PricingModelOf<TypesOf<this>> | null
}

/** Registry entry of `usePricing`. */
export const usePricingHook = defineHook<UsePricing>(usePricing)
/** Registry entry of `usePricingModel`. */
export const usePricingModelHook = defineHook<UsePricingModel>(usePricingModel)
