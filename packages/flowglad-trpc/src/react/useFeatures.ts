import { selectFeatures } from '../core/billingSelectors'
import type { FeatureAccessItem, FeatureSlug, SubscriptionScope } from '../core/index'
import { defineHook, type HookSignature, type TypesOf } from './defineHook'
import type { DerivedOptions, QueryStatus } from './hookResults'
import { type HooksContext, type LooseQueryOptions, queryStatus, useScopedBillingQuery } from './hooksContext'
import type { FlowgladError } from './routerTypes'

/** `useFeatures()`. */
export interface FeaturesState<TError> extends QueryStatus<TError> {
  features: FeatureAccessItem[] | undefined
}
/** `useFeature(slug)`. */
export interface FeatureState<TError> extends QueryStatus<TError> {
  feature: FeatureAccessItem | null
  hasAccess: boolean
}

/** `useFeatures(scope?, options?)`: Flowglad's `features/access`, derived from billing. */
export function useFeatures(ctx: HooksContext, scope?: SubscriptionScope, options?: LooseQueryOptions) {
  const query = useScopedBillingQuery(ctx, selectFeatures, scope, options)
  return { ...queryStatus(query), features: query.data }
}

/** `useFeature(slug, scope?, options?)`: one toggle feature and whether the customer has it. */
export function useFeature(
  ctx: HooksContext,
  slug: string,
  scope?: SubscriptionScope,
  options?: LooseQueryOptions,
) {
  const query = useScopedBillingQuery(ctx, selectFeatures, scope, options)
  const feature = query.data?.find((item) => item.slug === slug) ?? null
  return { ...queryStatus(query), feature, hasAccess: feature !== null }
}

/** Public signature of `useFeatures`, for the app's Flowglad types. */
export interface UseFeatures extends HookSignature {
  signature: (
    scope?: SubscriptionScope,
    options?: DerivedOptions<TypesOf<this>>,
  ) => FeaturesState<FlowgladError<TypesOf<this>>>
}
/** Public signature of `useFeature`, for the app's Flowglad types. */
export interface UseFeature extends HookSignature {
  signature: (
    slug: FeatureSlug,
    scope?: SubscriptionScope,
    options?: DerivedOptions<TypesOf<this>>,
  ) => FeatureState<FlowgladError<TypesOf<this>>>
}

/** Registry entry of `useFeatures`. */
export const useFeaturesHook = defineHook<UseFeatures>(useFeatures)
/** Registry entry of `useFeature`. */
export const useFeatureHook = defineHook<UseFeature>(useFeature)
