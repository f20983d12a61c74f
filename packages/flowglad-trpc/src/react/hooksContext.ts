import type { UseQueryResult } from '@tanstack/react-query'
import { useCallback } from 'react'
import type { MutationPath } from '../core/actions'
import type { FlowgladBilling, SubscriptionScope } from '../core/billingTypes'
import type { FlowgladClientError, FlowgladProxy, TRPCReactLike } from './flowgladProxy'
import { invalidateAfter } from './invalidate'

/** What every hook factory closes over: the app's tRPC object, the mount path and the options. */
export interface HooksContext {
  readonly trpc: TRPCReactLike
  readonly proxy: FlowgladProxy
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
export function retryUnlessClientError(failureCount: number, error: FlowgladClientError): boolean {
  const status: unknown = error.data?.httpStatus
  if (typeof status === 'number' && status < 500) return false
  return failureCount < 3
}

/** The one `billing.get` query behind `useBilling` and every billing-derived hook. */
export function useBillingQuery<TData = FlowgladBilling>(
  ctx: HooksContext,
  options: LooseQueryOptions | undefined,
  select?: (billing: FlowgladBilling) => TData,
): UseQueryResult<TData, FlowgladClientError> {
  return ctx.proxy.query('billing.get').useQuery<TData>(undefined, {
    staleTime: ctx.staleTime,
    retry: retryUnlessClientError,
    ...options,
    select,
  })
}

/** A billing-derived list scoped to one subscription (or all current ones): features, meter balances. */
export function useScopedBillingQuery<TData>(
  ctx: HooksContext,
  selector: (billing: FlowgladBilling, scope: SubscriptionScope) => TData,
  scope: SubscriptionScope | undefined,
  options: LooseQueryOptions | undefined,
): UseQueryResult<TData, FlowgladClientError> {
  const subscriptionId = scope?.subscriptionId
  // Stable per subscription id, so TanStack's `select` memoisation holds across renders.
  const select = useCallback(
    (billing: FlowgladBilling) => selector(billing, { subscriptionId }),
    [selector, subscriptionId],
  )
  return useBillingQuery(ctx, options, select)
}

/** A Flowglad mutation that, on success, awaits the invalidation of exactly what it changes. */
export function useFlowgladMutation<TData>(ctx: HooksContext, action: MutationPath) {
  const utils = ctx.trpc.useUtils()
  return ctx.proxy.mutation(action).useMutation<TData>({
    onSuccess: () => invalidateAfter(ctx.proxy, utils, action),
  })
}

/** The TanStack fields every query-backed hook exposes. */
export function queryStatus(query: UseQueryResult<unknown, FlowgladClientError>) {
  return {
    status: query.status,
    isLoading: query.isLoading,
    isFetching: query.isFetching,
    error: query.error,
    refetch: query.refetch,
  }
}
