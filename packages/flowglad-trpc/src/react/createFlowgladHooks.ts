import type { CreateTRPCReact } from '@trpc/react-query'
import type { AnyTRPCRouter } from '@trpc/server'
import type { PageParams } from '../core/billingSelectors'
import type { SubscriptionScope } from '../core/billingTypes'
import type { FlowgladHooks } from './FlowgladHooks'
import { flowgladProxy, type TRPCReactLike } from './flowgladProxy'
import type { HooksContext, LooseQueryOptions } from './hooksContext'
import { useBilling } from './useBilling'
import { useCustomerDetails, useInvoices, usePaymentMethods, usePurchases } from './useBillingLists'
import { useCheckouts } from './useCheckouts'
import { useFeature, useFeatures } from './useFeatures'
import { usePricing } from './usePricing'
import { useResource, useResources } from './useResources'
import { useSubscription, useSubscriptions } from './useSubscriptions'
import { useUsageMeter, useUsageMeters } from './useUsageMeters'

/** Options of {@link createFlowgladHooks}. */
export interface FlowgladHooksOptions<TPath extends string> {
  /** Where the Flowglad router is mounted in the app router (default `'flowglad'`; dots nest). */
  path?: TPath
  /** How `autoRedirect` navigates (default `window.location.assign`); inject it in tests. */
  navigate?: (url: string) => void
  /** Default `staleTime` (ms) of customer queries; mutations invalidate exactly, so a window is safe. Default 30 s. */
  staleTime?: number
  /** Default `staleTime` (ms) of the public pricing model. Default 5 min. */
  pricingStaleTime?: number
}

const assign = (url: string) => window.location.assign(url)

/**
 * Binds Flowglad's hooks to the app's own `createTRPCReact<AppRouter>()` object: the app's
 * client, links, transformer and QueryClient serve them, and every result is typed from
 * `AppRouter`. No provider of our own.
 */
export function createFlowgladHooks<TRouter extends AnyTRPCRouter, TPath extends string = 'flowglad'>(
  trpc: CreateTRPCReact<TRouter, unknown>,
  options: FlowgladHooksOptions<TPath> = {},
): FlowgladHooks<TRouter, TPath> {
  const ctx: HooksContext = {
    trpc: trpc as TRPCReactLike,
    proxy: flowgladProxy(trpc as TRPCReactLike, options.path ?? 'flowglad'),
    navigate: options.navigate ?? assign,
    staleTime: options.staleTime ?? 30_000,
    pricingStaleTime: options.pricingStaleTime ?? 5 * 60_000,
  }
  const pricing = (options?: LooseQueryOptions) => usePricing(ctx, options)
  const hooks = {
    useBilling: (options?: LooseQueryOptions) => useBilling(ctx, options),
    usePricing: pricing,
    usePricingModel: pricing,
    useCatalog: pricing,
    useSubscriptions: (params?: { includeHistorical?: boolean }, options?: LooseQueryOptions) =>
      useSubscriptions(ctx, params, options),
    useSubscription: (options?: LooseQueryOptions) => useSubscription(ctx, options),
    useFeatures: (scope?: SubscriptionScope, options?: LooseQueryOptions) => useFeatures(ctx, scope, options),
    useFeature: (slug: string, scope?: SubscriptionScope, options?: LooseQueryOptions) =>
      useFeature(ctx, slug, scope, options),
    useUsageMeters: (scope?: SubscriptionScope, options?: LooseQueryOptions) =>
      useUsageMeters(ctx, scope, options),
    useUsageMeter: (slug: string, scope?: SubscriptionScope, options?: LooseQueryOptions) =>
      useUsageMeter(ctx, slug, scope, options),
    usePaymentMethods: (options?: LooseQueryOptions) => usePaymentMethods(ctx, options),
    useInvoices: (page?: PageParams, options?: LooseQueryOptions) => useInvoices(ctx, page, options),
    usePurchases: (page?: PageParams, options?: LooseQueryOptions) => usePurchases(ctx, page, options),
    useCustomerDetails: (options?: LooseQueryOptions) => useCustomerDetails(ctx, options),
    useResources: (options?: LooseQueryOptions) => useResources(ctx, options),
    useResource: (slug: string, options?: LooseQueryOptions) => useResource(ctx, slug, options),
    useCheckouts: () => useCheckouts(ctx),
  }
  // The implementations are written against the registry's shapes; this is where the app
  // router's precise types are put back on (checked structurally by the type tests).
  return hooks as unknown as FlowgladHooks<TRouter, TPath>
}
