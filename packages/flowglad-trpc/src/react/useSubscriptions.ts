import { useCallback, useMemo } from 'react'
import { selectSubscriptions } from '../core/billingSelectors'
import type { FlowgladBilling } from '../core/billingTypes'
import {
  type HooksContext,
  type LooseQueryOptions,
  queryStatus,
  useBillingQuery,
  useFlowgladMutation,
} from './hooksContext'

interface SubscriptionsParams {
  includeHistorical?: boolean
}

/** `useSubscriptions(params?, options?)`: Flowglad's `subscriptions/list`, derived from billing. */
export function useSubscriptions(
  ctx: HooksContext,
  params?: SubscriptionsParams,
  options?: LooseQueryOptions,
) {
  const includeHistorical = params?.includeHistorical
  const select = useCallback(
    (billing: FlowgladBilling) => selectSubscriptions(billing, { includeHistorical }),
    [includeHistorical],
  )
  const query = useBillingQuery(ctx, options, select)
  return {
    ...queryStatus(query),
    subscriptions: query.data?.subscriptions,
    currentSubscriptions: query.data?.currentSubscriptions,
    currentSubscription: query.data?.currentSubscription,
  }
}

type WithId = Record<string, unknown>

/** `useSubscription(options?)`: the current subscription with cancel, uncancel and adjust. */
export function useSubscription(ctx: HooksContext, options?: LooseQueryOptions) {
  const { currentSubscription, ...status } = useSubscriptions(ctx, undefined, options)
  const cancelAsync = useFlowgladMutation(ctx, 'subscriptions.cancel').mutateAsync
  const uncancelAsync = useFlowgladMutation(ctx, 'subscriptions.uncancel').mutateAsync
  const adjustAsync = useFlowgladMutation(ctx, 'subscriptions.adjust').mutateAsync
  const id = currentSubscription?.id
  const actions = useMemo(() => {
    // Async so a missing subscription rejects like a failed request would, instead of throwing.
    const requireId = async () => {
      if (id === undefined) throw new Error('No active subscription')
      return id
    }
    return {
      cancel: async (input: WithId) => cancelAsync({ id: await requireId(), ...input }),
      uncancel: async (input?: WithId) => uncancelAsync({ id: await requireId(), ...input }),
      adjust: async (input: WithId) => adjustAsync({ subscriptionId: await requireId(), ...input }),
    }
  }, [id, cancelAsync, uncancelAsync, adjustAsync])
  return { ...status, subscription: currentSubscription, ...actions }
}
