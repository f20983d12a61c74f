import { useMemo } from 'react'
import { withBillingHelpers } from '../core/billingHelpers'
import {
  type HooksContext,
  type LooseQueryOptions,
  queryStatus,
  useBillingQuery,
  useFlowgladMutation,
} from './hooksContext'
import { useCheckoutActions } from './useCheckouts'
import { useUsageEventCreator } from './useUsageEventCreator'

function useBillingActions(ctx: HooksContext) {
  const { actions: checkouts } = useCheckoutActions(ctx)
  const cancel = useFlowgladMutation(ctx, 'subscriptions.cancel').mutateAsync
  const uncancel = useFlowgladMutation(ctx, 'subscriptions.uncancel').mutateAsync
  const adjust = useFlowgladMutation(ctx, 'subscriptions.adjust').mutateAsync
  const usageEvent = useUsageEventCreator(ctx)
  return useMemo(
    () => ({
      ...checkouts,
      cancelSubscription: cancel,
      uncancelSubscription: uncancel,
      adjustSubscription: adjust,
      createUsageEvent: usageEvent,
    }),
    [checkouts, cancel, uncancel, adjust, usageEvent],
  )
}

/**
 * `useBilling(options?)`: Flowglad's billing state over `billing.get`. Nothing is fetched
 * until a component calls it (and never with `enabled: false`); every caller shares one query.
 */
export function useBilling(ctx: HooksContext, options?: LooseQueryOptions) {
  const query = useBillingQuery(ctx, options)
  const actions = useBillingActions(ctx)
  const billing = useMemo(() => query.data && withBillingHelpers(query.data), [query.data])
  const common = { ...queryStatus(query), reload: query.refetch }
  // The error wins over stale data: after a sign-out the refetch fails, and the previous
  // customer's billing must not stay on screen. `loaded: true` on error is Flowglad's definition
  // (its useBilling: "loaded" means "settled", sdk-reference §3.2); `status` tells success apart.
  if (query.status === 'error') return { ...common, loaded: true, errors: [query.error] }
  if (query.status === 'pending' || !billing) return { ...common, loaded: false, errors: null }
  return { ...common, ...billing, ...actions, loaded: true, errors: null }
}
