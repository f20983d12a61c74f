import { useCallback, useMemo } from 'react'
import { selectSubscriptions } from '../core/billingSelectors'
import type { CustomerBilling } from '../core/billingTypes'
import { defineHook, type HookSignature, type TypesOf } from './defineHook'
import type { Action, DerivedOptions, QueryStatus } from './hookResults'
import {
  type HooksContext,
  type LooseQueryOptions,
  queryStatus,
  useBillingQuery,
  useFlowgladMutation,
} from './hooksContext'
import type {
  CustomerBillingOf,
  FlowgladError,
  FlowgladInput,
  FlowgladOutput,
  FlowgladTypes,
  SubscriptionOf,
} from './routerTypes'

/** `useSubscriptions()`. */
export interface SubscriptionsState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  subscriptions: SubscriptionOf<CustomerBillingOf<T>>[] | undefined
  currentSubscriptions: SubscriptionOf<CustomerBillingOf<T>>[] | undefined
  currentSubscription: SubscriptionOf<CustomerBillingOf<T>> | null | undefined
}

/** `useSubscription()`: the current subscription and its three actions. */
export interface SubscriptionState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  subscription: SubscriptionOf<CustomerBillingOf<T>> | null | undefined
  /** Cancels the current subscription (its id is filled in). */
  cancel: (
    input: Omit<FlowgladInput<T, 'subscriptions', 'cancel'>, 'id'>,
  ) => Promise<FlowgladOutput<T, 'subscriptions', 'cancel'>>
  /** Undoes a scheduled cancellation of the current subscription. */
  uncancel: (
    input?: FlowgladInput<T, 'subscriptions', 'uncancel'>,
  ) => Promise<FlowgladOutput<T, 'subscriptions', 'uncancel'>>
  /** Changes the current subscription's plan or quantity. */
  adjust: Action<T, 'subscriptions', 'adjust'>
}

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
    (billing: CustomerBilling) => selectSubscriptions(billing, { includeHistorical }),
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

/** Public signature of `useSubscriptions`, for the app's Flowglad types. */
export interface UseSubscriptions extends HookSignature {
  signature: (
    params?: { includeHistorical?: boolean },
    options?: DerivedOptions<TypesOf<this>>,
  ) => SubscriptionsState<TypesOf<this>>
}
/** Public signature of `useSubscription`, for the app's Flowglad types. */
export interface UseSubscription extends HookSignature {
  signature: (options?: DerivedOptions<TypesOf<this>>) => SubscriptionState<TypesOf<this>>
}

/** Registry entry of `useSubscriptions`. */
export const useSubscriptionsHook = defineHook<UseSubscriptions>(useSubscriptions)
/** Registry entry of `useSubscription`. */
export const useSubscriptionHook = defineHook<UseSubscription>(useSubscription)
