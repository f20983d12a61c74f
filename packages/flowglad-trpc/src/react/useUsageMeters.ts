import { selectUsageMeters } from '../core/billingSelectors'
import type { SubscriptionScope, UsageMeterBalanceOf, UsageMeterSlug } from '../core/index'
import { defineHook, type HookSignature, type TypesOf } from './defineHook'
import type { DerivedOptions, QueryStatus } from './hookResults'
import { type HooksContext, type LooseQueryOptions, queryStatus, useScopedBillingQuery } from './hooksContext'
import type { CustomerBillingOf, FlowgladError, FlowgladTypes } from './routerTypes'

/** `useUsageMeters()`. */
export interface UsageMetersState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  usageMeters: UsageMeterBalanceOf<CustomerBillingOf<T>>[] | undefined
}
/** `useUsageMeter(slug)`. */
export interface UsageMeterState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  usageMeter: UsageMeterBalanceOf<CustomerBillingOf<T>> | null
}

/** `useUsageMeters(scope?, options?)`: meter balances of the current subscriptions, from billing. */
export function useUsageMeters(ctx: HooksContext, scope?: SubscriptionScope, options?: LooseQueryOptions) {
  const query = useScopedBillingQuery(ctx, selectUsageMeters, scope, options)
  return { ...queryStatus(query), usageMeters: query.data }
}

/** `useUsageMeter(slug, scope?, options?)`: one meter's balance, or null. */
export function useUsageMeter(
  ctx: HooksContext,
  slug: string,
  scope?: SubscriptionScope,
  options?: LooseQueryOptions,
) {
  const query = useScopedBillingQuery(ctx, selectUsageMeters, scope, options)
  return { ...queryStatus(query), usageMeter: query.data?.find((meter) => meter.slug === slug) ?? null }
}

/** Public signature of `useUsageMeters`, for the app's Flowglad types. */
export interface UseUsageMeters extends HookSignature {
  signature: (
    scope?: SubscriptionScope,
    options?: DerivedOptions<TypesOf<this>>,
  ) => UsageMetersState<TypesOf<this>>
}
/** Public signature of `useUsageMeter`, for the app's Flowglad types. */
export interface UseUsageMeter extends HookSignature {
  signature: (
    slug: UsageMeterSlug,
    scope?: SubscriptionScope,
    options?: DerivedOptions<TypesOf<this>>,
  ) => UsageMeterState<TypesOf<this>>
}

/** Registry entry of `useUsageMeters`. */
export const useUsageMetersHook = defineHook<UseUsageMeters>(useUsageMeters)
/** Registry entry of `useUsageMeter`. */
export const useUsageMeterHook = defineHook<UseUsageMeter>(useUsageMeter)
