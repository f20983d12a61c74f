import { matchQuery, type Query, type QueryClient, type QueryKey } from '@tanstack/react-query'
import type { QueryPath } from '../core/actions'
import { customerQueries } from './clientRegistry'
import { procedureQueryKey } from './flowgladClient'

// Everything the Flowglad router caches belongs to the signed-in customer except the public
// default pricing model. Which cache entries those are is asked of the app's tRPC client (its
// key for each customer query, `keyPrefix` included), never assumed from a key layout.

/**
 * The app's Flowglad sub-router, to read its query keys from: `useTRPC().flowglad` (or the
 * options proxy of `@trpc/tanstack-react-query`), or `trpc.useUtils().flowglad` (classic client).
 */
export type FlowgladRouterKeys = object

/** Legacy: the mount path, for the classic client without a `keyPrefix`. Prefer the sub-router. */
export interface FlowgladPathOption {
  /** @deprecated pass the sub-router (`router`) instead: it knows the client's keys. */
  path?: string
}

/** Where a helper finds the Flowglad queries: the sub-router (preferred) or a legacy mount path. */
export type FlowgladCacheTarget = FlowgladRouterKeys | FlowgladPathOption | string | undefined

function keyOf(target: FlowgladCacheTarget): (action: QueryPath) => QueryKey {
  // tRPC's proxies are functions (their target is a function), plain option objects are not.
  if (typeof target === 'function') return (action) => procedureQueryKey(target, action)
  const path =
    typeof target === 'string' ? target : ((target as FlowgladPathOption | undefined)?.path ?? 'flowglad')
  // The classic client's layout (`[path segments, { type }]`), kept only for the legacy `path` form.
  return (action) => [[...path.split('.'), ...action.split('.')], { type: 'query' }]
}

/** A predicate over cached queries: true for the current customer's Flowglad data. */
export function customerQueryPredicate(keyFor: (action: QueryPath) => QueryKey) {
  const filters = customerQueries.map((action) => ({ queryKey: keyFor(action) }))
  return (query: Query): boolean => filters.some((filter) => matchQuery(filter, query))
}

/** True for a cached Flowglad query that belongs to the current customer. */
export function isCustomerQuery(query: Pick<Query, 'queryKey'>, target?: FlowgladCacheTarget): boolean {
  return customerQueryPredicate(keyOf(target))(query as Query)
}

/**
 * Forgets the current customer's Flowglad data (sign-out, switching user or organization):
 * cached results are cleared and in-flight fetches cancelled, so no hook can show them again;
 * mounted hooks refetch for the new customer. The public pricing model is kept.
 * `target`: the app's Flowglad sub-router (see {@link FlowgladRouterKeys}).
 */
export function resetFlowgladCustomer(queryClient: QueryClient, target?: FlowgladCacheTarget): Promise<void> {
  return queryClient.resetQueries({ predicate: customerQueryPredicate(keyOf(target)) })
}

/**
 * Drops the current customer's Flowglad data from the cache at once (in-flight fetches are
 * cancelled) without refetching anything: for sign-out, or just before another customer's data
 * arrives. Mounted hooks start over on their next render. The public pricing model is kept.
 */
export function removeFlowgladCustomer(queryClient: QueryClient, target?: FlowgladCacheTarget): void {
  queryClient.removeQueries({ predicate: customerQueryPredicate(keyOf(target)) })
}
