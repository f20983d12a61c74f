import type { Query, QueryClient } from '@tanstack/react-query'

// tRPC keys look like `[['flowglad', 'billing', 'get'], { input, type }]`. Everything under the
// Flowglad router belongs to the signed-in customer except the public default pricing model.

/** True for a cached Flowglad query that belongs to the current customer. */
export function isCustomerQuery(query: Pick<Query, 'queryKey'>, path = 'flowglad'): boolean {
  const [procedurePath] = query.queryKey
  if (!Array.isArray(procedurePath)) return false
  const segments = path.split('.')
  if (!segments.every((segment, index) => procedurePath[index] === segment)) return false
  const [group, action] = procedurePath.slice(segments.length)
  return !(group === 'pricing' && action === 'default')
}

/**
 * Forgets the current customer's Flowglad data (sign-out, switching user or organization):
 * cached results are cleared and in-flight fetches cancelled, so no hook can show them again;
 * mounted hooks refetch for the new customer. The public pricing model is kept.
 */
export function resetFlowgladCustomer(queryClient: QueryClient, options?: { path?: string }): Promise<void> {
  return queryClient.resetQueries({ predicate: (query) => isCustomerQuery(query, options?.path) })
}

/**
 * Drops the current customer's Flowglad data from the cache at once (in-flight fetches are
 * cancelled) without refetching anything: for sign-out, or just before another customer's data
 * arrives. Mounted hooks start over on their next render. The public pricing model is kept.
 */
export function removeFlowgladCustomer(queryClient: QueryClient, options?: { path?: string }): void {
  queryClient.removeQueries({ predicate: (query) => isCustomerQuery(query, options?.path) })
}
