import { useCallback } from 'react'
import { selectUsageMeters } from '../core/billingSelectors'
import type { FlowgladBilling, SubscriptionScope } from '../core/billingTypes'
import { type HooksContext, type LooseQueryOptions, queryStatus, useBillingQuery } from './hooksContext'

function useMeterList(
  ctx: HooksContext,
  scope: SubscriptionScope | undefined,
  options: LooseQueryOptions | undefined,
) {
  const subscriptionId = scope?.subscriptionId
  const select = useCallback(
    (billing: FlowgladBilling) => selectUsageMeters(billing, { subscriptionId }),
    [subscriptionId],
  )
  return useBillingQuery(ctx, options, select)
}

/** `useUsageMeters(scope?, options?)`: meter balances of the current subscriptions, from billing. */
export function useUsageMeters(ctx: HooksContext, scope?: SubscriptionScope, options?: LooseQueryOptions) {
  const query = useMeterList(ctx, scope, options)
  return { ...queryStatus(query), usageMeters: query.data }
}

/** `useUsageMeter(slug, scope?, options?)`: one meter's balance, or null. */
export function useUsageMeter(
  ctx: HooksContext,
  slug: string,
  scope?: SubscriptionScope,
  options?: LooseQueryOptions,
) {
  const query = useMeterList(ctx, scope, options)
  return { ...queryStatus(query), usageMeter: query.data?.find((meter) => meter.slug === slug) ?? null }
}
