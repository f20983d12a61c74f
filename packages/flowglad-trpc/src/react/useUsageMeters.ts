import { selectUsageMeters } from '../core/billingSelectors'
import type { SubscriptionScope } from '../core/billingTypes'
import { type HooksContext, type LooseQueryOptions, queryStatus, useScopedBillingQuery } from './hooksContext'

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
