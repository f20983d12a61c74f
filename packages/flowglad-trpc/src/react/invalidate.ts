import type { QueryClient } from '@tanstack/react-query'
import type { MutationPath } from '../core/actions'
import { invalidatedBy } from './clientRegistry'
import type { FlowgladQueryBinding } from './flowgladQueryBinding'

/**
 * Invalidates exactly the queries `mutation` changes, as the registry derives them (`clientRegistry.ts`), across all
 * their inputs (keys from the app's client, prefix-matched). Active ones refetch; the promise
 * settles when they have, so `await action()` returns with fresh data on screen.
 */
export function invalidateAfter(
  binding: FlowgladQueryBinding,
  queryClient: QueryClient,
  mutation: MutationPath,
): Promise<void> {
  return Promise.all(
    invalidatedBy[mutation].map((query) =>
      queryClient.invalidateQueries({ queryKey: binding.queryKey(query) }),
    ),
  ).then(() => undefined)
}
