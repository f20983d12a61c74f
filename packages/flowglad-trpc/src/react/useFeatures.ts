import { selectFeatures } from '../core/billingSelectors'
import type { SubscriptionScope } from '../core/billingTypes'
import { type HooksContext, type LooseQueryOptions, queryStatus, useScopedBillingQuery } from './hooksContext'

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
