import { type MutationPath, queriesInvalidatedBy } from '../core/actions'
import type { FlowgladProxy } from './flowgladProxy'

/**
 * Invalidates exactly the queries `mutation` changes, as the registry derives them, across all
 * their inputs (tRPC's `utils.<path>.invalidate()` prefix-matches). Active ones refetch; the
 * promise settles when they have, so `await action()` returns with fresh data on screen.
 */
export function invalidateAfter(proxy: FlowgladProxy, utils: unknown, mutation: MutationPath): Promise<void> {
  return Promise.all(
    queriesInvalidatedBy(mutation).map((query) => proxy.utils(utils, query).invalidate()),
  ).then(() => undefined)
}
