import type { QueryClient } from '@tanstack/react-query'

// Server components prefetch through tRPC's own helpers, so the cache entries carry the exact
// keys the client hooks read and `HydrateClient`/`HydrationBoundary` hands them over: the
// hooks render with zero client requests. (Hydrated data stays fresh on the client because the
// hooks' default `staleTime` outlives the trip from server render to hydration.)

/** What `createHydrationHelpers(caller, getQueryClient).trpc` offers per procedure. */
interface HelperProcedure {
  prefetch(input: undefined): Promise<void>
}
/** What `createTRPCOptionsProxy(...)` offers per procedure. */
interface OptionsProcedure {
  queryOptions(input: undefined): Parameters<QueryClient['prefetchQuery']>[0]
}

/** The newer client's options proxy together with the request's QueryClient. */
export interface OptionsProxyTarget {
  /** `createTRPCOptionsProxy<AppRouter>({ router, ctx, queryClient })` (`@trpc/tanstack-react-query`). */
  trpc: object
  queryClient: QueryClient
}

/** Either `createHydrationHelpers(...).trpc` (`@trpc/react-query/rsc`) or `{ trpc: optionsProxy, queryClient }`. */
export type PrefetchTarget = object | OptionsProxyTarget

/** The object the `router` option selects from: the helpers' `trpc`, or the options proxy. */
export type PrefetchRoot<TTarget> = TTarget extends { trpc: infer R; queryClient: QueryClient } ? R : TTarget

/** Which Flowglad queries to prefetch. */
export interface PrefetchFlowgladOptions<TRoot = object> {
  /** The customer's billing (`billing.get`): everything `useBilling` and the narrow hooks show. Default false. */
  billing?: boolean
  /** The public pricing model (`pricing.default`). Default true. */
  pricing?: boolean
  /** The Flowglad sub-router, e.g. `(trpc) => trpc.account.billing` (default `trpc.flowglad`). */
  router?: (trpc: TRoot) => object
}

function procedureAt(root: object, segments: readonly string[]): unknown {
  // tRPC's proxies answer any property access with a deeper proxy.
  return segments.reduce<unknown>((node, segment) => Reflect.get(node as object, segment), root)
}

function isOptionsProxyTarget(target: PrefetchTarget): target is OptionsProxyTarget {
  // `in` is safe on tRPC's recursive proxies: they define no `has` trap.
  return 'queryClient' in target && 'trpc' in target
}

/**
 * Prefetches Flowglad queries in a server component. A signed-out request simply leaves
 * billing out (the prefetch swallows UNAUTHORIZED, and failed queries are not dehydrated).
 */
export async function prefetchFlowglad<TTarget extends PrefetchTarget>(
  target: TTarget,
  options: PrefetchFlowgladOptions<PrefetchRoot<TTarget>> = {},
): Promise<void> {
  const root = isOptionsProxyTarget(target) ? target.trpc : target
  const router = options.router
    ? options.router(root as PrefetchRoot<TTarget>)
    : Reflect.get(root, 'flowglad')
  const actions = [
    ...((options.pricing ?? true) ? [['pricing', 'default']] : []),
    ...(options.billing ? [['billing', 'get']] : []),
  ]
  await Promise.all(
    actions.map((action) => {
      // Keys come from the client's own `queryOptions`/`prefetch` (its `keyPrefix` included).
      const procedure = procedureAt(router as object, action)
      if (isOptionsProxyTarget(target))
        return target.queryClient.prefetchQuery((procedure as OptionsProcedure).queryOptions(undefined))
      return (procedure as HelperProcedure).prefetch(undefined)
    }),
  )
}
