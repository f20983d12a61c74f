import { useQueryClient } from '@tanstack/react-query'
import type { CreateTRPCReact } from '@trpc/react-query'
import type { AnyTRPCRouter } from '@trpc/server'
import { useMemo } from 'react'
import type { PageParams } from '../core/billingSelectors'
import type { SubscriptionScope } from '../core/billingTypes'
import type { FlowgladCustomerCache, FlowgladHooks } from './FlowgladHooks'
import {
  classicClient,
  type FlowgladClientSource,
  optionsProxyClient,
  useFlowgladClient,
} from './flowgladClient'
import type { HooksContext, LooseQueryOptions } from './hooksContext'
import { customerQueryPredicate } from './resetFlowgladCustomer'
import type { At, RouterFlowgladTypes, SubRouterFlowgladTypes } from './routerTypes'
import { useBilling } from './useBilling'
import { useCustomerDetails, useInvoices, usePaymentMethods, usePurchases } from './useBillingLists'
import { useCheckouts } from './useCheckouts'
import { useFeature, useFeatures } from './useFeatures'
import { usePricing, usePricingModel } from './usePricing'
import { useResource, useResources } from './useResources'
import { useSubscription, useSubscriptions } from './useSubscriptions'
import { useUsageMeter, useUsageMeters } from './useUsageMeters'

/** Options of {@link createFlowgladHooks}, whichever client. */
export interface FlowgladHooksOptions {
  /** How `autoRedirect` navigates (default `window.location.assign`); inject it in tests. */
  navigate?: (url: string) => void
  /** Default `staleTime` (ms) of customer queries; mutations invalidate exactly, so a window is safe. Default 30 s. */
  staleTime?: number
  /** Default `staleTime` (ms) of the public pricing model. Default 5 min. */
  pricingStaleTime?: number
}

/** Classic client (`@trpc/react-query`): where the Flowglad router is. */
export interface ClassicHooksOptions<TRoot, TSub, TPath extends string> extends FlowgladHooksOptions {
  /** The Flowglad sub-router, e.g. `(trpc) => trpc.account.billing` (default `trpc.flowglad`). */
  router?: (trpc: TRoot) => TSub
  /** @deprecated use `router`. Where the Flowglad router is mounted (default `'flowglad'`; dots nest). */
  path?: TPath
}

/** `@trpc/tanstack-react-query`: the app's `useTRPC` (from `createTRPCContext`) and its Flowglad sub-router. */
export interface OptionsProxySource<TRoot, TSub> {
  /** `useTRPC` of `createTRPCContext<AppRouter>()`, or `() => trpc` for a `createTRPCOptionsProxy` singleton. */
  useTRPC: () => TRoot
  /** The Flowglad sub-router, e.g. `(trpc) => trpc.account.billing` (default `trpc.flowglad`). */
  router?: (trpc: TRoot) => TSub
}

const assign = (url: string) => window.location.assign(url)

/** A tRPC classic proxy node answers `_def()` with its path (what tRPC's `getQueryKey` reads). */
interface ClassicNode {
  _def(): { path: readonly string[] }
}
interface ClassicRoot {
  useUtils(): unknown
}

function classicSource(trpc: ClassicRoot, options: ClassicHooksOptions<never, unknown, string>) {
  const segments = options.router
    ? (options.router(trpc as never) as ClassicNode)._def().path
    : (options.path ?? 'flowglad').split('.')
  return {
    useRoot: trpc.useUtils,
    bind: (utils: unknown) => classicClient(utils, segments),
  } satisfies FlowgladClientSource
}

function optionsProxySource(source: OptionsProxySource<never, unknown>) {
  const select = source.router ?? ((trpc: object) => Reflect.get(trpc, 'flowglad'))
  return {
    useRoot: source.useTRPC,
    bind: (root: unknown) => optionsProxyClient(select(root as never)),
  } satisfies FlowgladClientSource
}

/** The current customer's cached Flowglad data, keyed by the client of `ctx`. */
function useCustomerCache(ctx: HooksContext): FlowgladCustomerCache {
  const client = useFlowgladClient(ctx.client)
  const queryClient = useQueryClient()
  return useMemo(() => {
    const isCustomerQuery = customerQueryPredicate(client.queryKey)
    return {
      isCustomerQuery,
      reset: () => queryClient.resetQueries({ predicate: isCustomerQuery }),
      remove: () => queryClient.removeQueries({ predicate: isCustomerQuery }),
    }
  }, [client, queryClient])
}

// The `{ useTRPC }` overload comes first: in an app without `@trpc/react-query` installed,
// `CreateTRPCReact` is unresolved (any) and would swallow `{ useTRPC }` with an `AnyRouter`
// typing, every hook result then being `never` (fixtures/tanstack-zod4 caught it).
/**
 * Binds Flowglad's hooks to the app's own tRPC React client, either one:
 * `createFlowgladHooks(trpc)` for the classic `createTRPCReact<AppRouter>()` (optionally
 * `{ router: (trpc) => trpc.account.billing }`), or `createFlowgladHooks({ useTRPC })` for
 * `@trpc/tanstack-react-query`. The app's client, links, transformer, query keys and QueryClient
 * serve them, and every result is typed from the app's router. No provider of our own.
 */
export function createFlowgladHooks<TRoot, TSub = At<TRoot, 'flowglad'>>(
  source: OptionsProxySource<TRoot, TSub>,
  options?: FlowgladHooksOptions,
): FlowgladHooks<SubRouterFlowgladTypes<TSub>>
export function createFlowgladHooks<TRouter extends AnyTRPCRouter, TSub>(
  trpc: CreateTRPCReact<TRouter, unknown>,
  options: FlowgladHooksOptions & { router: (trpc: CreateTRPCReact<TRouter, unknown>) => TSub },
): FlowgladHooks<SubRouterFlowgladTypes<TSub>>
export function createFlowgladHooks<TRouter extends AnyTRPCRouter, TPath extends string = 'flowglad'>(
  trpc: CreateTRPCReact<TRouter, unknown>,
  options?: FlowgladHooksOptions & { path?: TPath },
): FlowgladHooks<RouterFlowgladTypes<TRouter, TPath>>
export function createFlowgladHooks(
  source: unknown,
  hookOptions?: ClassicHooksOptions<never, unknown, string>,
): unknown {
  const options = hookOptions ?? {}
  // `in` reads the proxy's target (tRPC's proxies define no `has` trap): only the
  // `{ useTRPC }` object of the newer client has the key.
  const client =
    'useTRPC' in (source as object)
      ? optionsProxySource(source as OptionsProxySource<never, unknown>)
      : classicSource(source as ClassicRoot, options)
  const ctx: HooksContext = {
    client,
    navigate: options.navigate ?? assign,
    staleTime: options.staleTime ?? 30_000,
    pricingStaleTime: options.pricingStaleTime ?? 5 * 60_000,
  }
  const pricingModel = (options?: LooseQueryOptions) => usePricingModel(ctx, options)
  // Each entry is a one-line binding of a hook to this client; the implementations are written
  // against the registry's shapes, and the app router's precise types are put back on by the
  // overloads above (checked structurally by the type tests).
  return {
    useBilling: (options?: LooseQueryOptions) => useBilling(ctx, options),
    usePricing: (options?: LooseQueryOptions) => usePricing(ctx, options),
    usePricingModel: pricingModel,
    useCatalog: pricingModel,
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
    useCustomerCache: () => useCustomerCache(ctx),
  }
}
