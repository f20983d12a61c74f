import { useCallback } from 'react'
import { selectFeatures } from '../core/billingSelectors'
import type { FlowgladBilling, SubscriptionScope } from '../core/billingTypes'
import { type HooksContext, type LooseQueryOptions, queryStatus, useBillingQuery } from './hooksContext'

function useFeatureList(
  ctx: HooksContext,
  scope: SubscriptionScope | undefined,
  options: LooseQueryOptions | undefined,
) {
  const subscriptionId = scope?.subscriptionId
  const select = useCallback(
    (billing: FlowgladBilling) => selectFeatures(billing, { subscriptionId }),
    [subscriptionId],
  )
  return useBillingQuery(ctx, options, select)
}

/** `useFeatures(scope?, options?)`: Flowglad's `features/access`, derived from billing. */
export function useFeatures(ctx: HooksContext, scope?: SubscriptionScope, options?: LooseQueryOptions) {
  const query = useFeatureList(ctx, scope, options)
  return { ...queryStatus(query), features: query.data }
}

/** `useFeature(slug, scope?, options?)`: one toggle feature and whether the customer has it. */
export function useFeature(
  ctx: HooksContext,
  slug: string,
  scope?: SubscriptionScope,
  options?: LooseQueryOptions,
) {
  const query = useFeatureList(ctx, scope, options)
  const feature = query.data?.find((item) => item.slug === slug) ?? null
  return { ...queryStatus(query), feature, hasAccess: feature !== null }
}
