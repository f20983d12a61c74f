import { useMemo } from 'react'
import { withBillingHelpers } from '../core/billingHelpers'
import type { BillingWithChecks } from '../core/index'
import { defineHook, type HookSignature, type TypesOf } from './defineHook'
import type { Action, BillingOptions, QueryStatus } from './hookResults'
import {
  type HooksContext,
  type LooseQueryOptions,
  queryStatus,
  useBillingQuery,
  useFlowgladMutation,
} from './hooksContext'
import type { CustomerBillingOf, FlowgladError, FlowgladTypes } from './routerTypes'
import { type CheckoutActions, useCheckoutActions } from './useCheckouts'
import { useUsageEventCreator } from './useUsageEventCreator'

/** The actions `useBilling` adds once loaded; each invalidates what it changes. */
export interface BillingActions<T extends FlowgladTypes> extends CheckoutActions<T> {
  cancelSubscription: Action<T, 'subscriptions', 'cancel'>
  uncancelSubscription: Action<T, 'subscriptions', 'uncancel'>
  adjustSubscription: Action<T, 'subscriptions', 'adjust'>
  createUsageEvent: Action<T, 'usageEvents', 'create'>
}

interface BillingCommon<TError> extends QueryStatus<TError> {
  /** Refetches billing (Flowglad's name for `refetch`). */
  reload: () => Promise<unknown>
}

type Absent<T> = { [K in keyof T]?: undefined }
type Loaded<T extends FlowgladTypes> = BillingWithChecks<CustomerBillingOf<T>> & BillingActions<T>

/** `useBilling()`: pending (or disabled), error (signed out = `UNAUTHORIZED`), or loaded with helpers and actions. */
export type BillingState<T extends FlowgladTypes> =
  | (BillingCommon<FlowgladError<T>> &
      Absent<Loaded<T>> & { status: 'pending'; loaded: false; error: null; errors: null })
  | (BillingCommon<FlowgladError<T>> &
      Absent<Loaded<T>> & {
        status: 'error'
        loaded: true
        error: FlowgladError<T>
        errors: [FlowgladError<T>]
      })
  | (BillingCommon<FlowgladError<T>> &
      Loaded<T> & { status: 'success'; loaded: true; error: null; errors: null })

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

/** Public signature of `useBilling`, for the app's Flowglad types. */
export interface UseBilling extends HookSignature {
  signature: (options?: BillingOptions<TypesOf<this>>) => BillingState<TypesOf<this>>
}

/** Registry entry of `useBilling`. */
export const useBillingHook = defineHook<UseBilling>(useBilling)
