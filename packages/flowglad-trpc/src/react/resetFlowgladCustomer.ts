import { matchQuery, type Query, type QueryClient, type QueryKey } from '@tanstack/react-query'
import type { QueryPath } from '../core/actions'
import { customerQueries } from './clientRegistry'
import { procedureQueryKey } from './flowgladQueryBinding'

// Everything the Flowglad router caches belongs to the signed-in customer except the public
// default pricing model. Which cache entries those are is asked of the app's tRPC client (its
// key for each customer query, `keyPrefix` included), never assumed from a key layout.

/**
 * The app's Flowglad sub-router, to read its query keys from: `useTRPC().flowglad` (or the
 * options proxy of `@trpc/tanstack-react-query`), or `trpc.useUtils().flowglad` (classic client).
 * Left out, the keys are those of either client at `trpc.flowglad` without a `keyPrefix`.
 */
export type FlowgladRouterKeys = object & {
  /** Removed in 0.x (a path cannot tell the client's keys): pass the sub-router itself. */
  readonly path?: never
}

/** The default: `trpc.flowglad`'s keys without a `keyPrefix` (`[['flowglad', ...path], { type: 'query' }]`). */
const defaultKey = (action: QueryPath): QueryKey => [['flowglad', ...action.split('.')], { type: 'query' }]

function keyOf(router: FlowgladRouterKeys | undefined): (action: QueryPath) => QueryKey {
  if (router === undefined) return defaultKey
  // tRPC's proxies are functions (their target is one). Anything else, such as the `{ path }`
  // option removed in 0.x, cannot tell the client's keys: refuse it rather than guess.
  if (typeof router !== 'function')
    throw new TypeError(
      'flowglad-trpc: pass the Flowglad sub-router (`useTRPC().flowglad` or `trpc.useUtils().flowglad`), not a path',
    )
  return (action) => procedureQueryKey(router, action)
}

/** A predicate over cached queries: true for the current customer's Flowglad data. */
export function customerQueryPredicate(keyFor: (action: QueryPath) => QueryKey) {
  const filters = customerQueries.map((action) => ({ queryKey: keyFor(action) }))
  return (query: Query): boolean => filters.some((filter) => matchQuery(filter, query))
}

/** True for a cached Flowglad query that belongs to the current customer. */
export function isCustomerQuery(query: Pick<Query, 'queryKey'>, router?: FlowgladRouterKeys): boolean {
  return customerQueryPredicate(keyOf(router))(query as Query)
}

/**
 * Forgets the current customer's Flowglad data (sign-out, switching user or organization):
 * cached results are cleared and in-flight fetches cancelled, so no hook can show them again;
 * mounted hooks refetch for the new customer. The public pricing model is kept.
 * `router`: the app's Flowglad sub-router (see {@link FlowgladRouterKeys}).
 */
export function resetFlowgladCustomer(queryClient: QueryClient, router?: FlowgladRouterKeys): Promise<void> {
  return queryClient.resetQueries({ predicate: customerQueryPredicate(keyOf(router)) })
}

/**
 * Drops the current customer's Flowglad data from the cache at once (in-flight fetches are
 * cancelled) without refetching anything: for sign-out, or just before another customer's data
 * arrives. Mounted hooks start over on their next render. The public pricing model is kept.
 */
export function removeFlowgladCustomer(queryClient: QueryClient, router?: FlowgladRouterKeys): void {
  queryClient.removeQueries({ predicate: customerQueryPredicate(keyOf(router)) })
}
