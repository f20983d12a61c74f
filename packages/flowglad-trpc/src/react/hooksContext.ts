import { type UseMutationResult, type UseQueryResult, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import type { MutationPath, QueryPath } from '../core/actions'
import type { CustomerBilling, SubscriptionScope } from '../core/billingTypes'
import {
  type FlowgladHookError,
  type FlowgladQueryBindingSource,
  useFlowgladQueryBinding,
} from './flowgladQueryBinding'
import { invalidateAfter } from './invalidate'

/** What every hook closes over: how to reach the app's client, and the options. */
export interface HooksContext {
  /** How to bind the app's tRPC client (either React client), at the Flowglad sub-router, per render. */
  readonly binding: FlowgladQueryBindingSource
  /** Where `autoRedirect` sends the browser; `window.location.assign` unless injected. */
  readonly navigate: (url: string) => void
  /** Default `staleTime` of customer queries, so hydrated or shared data isn't refetched on mount. */
  readonly staleTime: number
  /** Default `staleTime` of the public pricing model, which changes far less often. */
  readonly pricingStaleTime: number
}

/** Loose query options the hooks forward to TanStack. */
export type LooseQueryOptions = Readonly<Record<string, unknown>>

/**
 * Client errors (signed out, bad input, not found) will fail again: retrying them only delays
 * the error state. Transport and 5xx failures keep TanStack's default of three retries.
 */
export function retryUnlessClientError(failureCount: number, error: FlowgladHookError): boolean {
  const status: unknown = error.data?.httpStatus
  if (typeof status === 'number' && status < 500) return false
  return failureCount < 3
}

/**
 * The shared base of every query hook: TanStack's `useQuery` over the options the app's client
 * builds for `action`, with our defaults under the caller's options.
 */
export function useFlowgladQuery<TData>(
  ctx: HooksContext,
  action: QueryPath,
  input: unknown,
  options: LooseQueryOptions | undefined,
  select?: (data: never) => TData,
): UseQueryResult<TData, FlowgladHookError> {
  const staleTime = action === 'pricing.default' ? ctx.pricingStaleTime : ctx.staleTime
  const queryOptions = useFlowgladQueryBinding(ctx.binding).queryOptions(action, input, {
    staleTime,
    retry: retryUnlessClientError,
    ...options,
    select,
  })
  return useQuery(queryOptions) as UseQueryResult<TData, FlowgladHookError>
}

/** The one `billing.get` query behind `useBilling` and every billing-derived hook. */
export function useBillingQuery<TData = CustomerBilling>(
  ctx: HooksContext,
  options: LooseQueryOptions | undefined,
  select?: (billing: CustomerBilling) => TData,
): UseQueryResult<TData, FlowgladHookError> {
  return useFlowgladQuery(ctx, 'billing.get', undefined, options, select)
}

/** A billing-derived list scoped to one subscription (or all current ones): features, meter balances. */
export function useScopedBillingQuery<TData>(
  ctx: HooksContext,
  selector: (billing: CustomerBilling, scope: SubscriptionScope) => TData,
  scope: SubscriptionScope | undefined,
  options: LooseQueryOptions | undefined,
): UseQueryResult<TData, FlowgladHookError> {
  const subscriptionId = scope?.subscriptionId
  // Stable per subscription id, so TanStack's `select` memoisation holds across renders.
  const select = useCallback(
    (billing: CustomerBilling) => selector(billing, { subscriptionId }),
    [selector, subscriptionId],
  )
  return useBillingQuery(ctx, options, select)
}

/** The shared base of every mutation: on success it awaits the invalidation of exactly what it changes. */
export function useFlowgladMutation<TData>(
  ctx: HooksContext,
  action: MutationPath,
): UseMutationResult<TData, FlowgladHookError, unknown> {
  const binding = useFlowgladQueryBinding(ctx.binding)
  const queryClient = useQueryClient()
  const mutation = binding.useMutation(action, {
    onSuccess: () => invalidateAfter(binding, queryClient, action),
  })
  return mutation as UseMutationResult<TData, FlowgladHookError, unknown>
}

/** The TanStack fields every query-backed hook exposes. */
export function queryStatus(query: UseQueryResult<unknown, FlowgladHookError>) {
  return {
    status: query.status,
    isLoading: query.isLoading,
    isFetching: query.isFetching,
    error: query.error,
    refetch: query.refetch,
  }
}
