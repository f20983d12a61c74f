import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query'
import type { TRPCClientErrorLike } from '@trpc/client'
import type { AnyTRPCRouter } from '@trpc/server'
import type { ActionPath, MutationPath, QueryPath } from '../core/actions'

// The one place the app's typed tRPC proxy is read by a runtime path (`flowglad.billing.get`).
// Hooks are implemented against these narrow shapes; `createFlowgladHooks` restores the
// app-router types on the way out, so no `any` leaks either way.

/** The error any Flowglad hook sees, before the app router narrows it. */
export type FlowgladClientError = TRPCClientErrorLike<AnyTRPCRouter>

/** What the hooks use of a tRPC query procedure (`trpc.flowglad.billing.get`). */
export interface QueryProcedure {
  useQuery<TData>(input: unknown, options?: object): UseQueryResult<TData, FlowgladClientError>
}

/** What the hooks use of a tRPC mutation procedure. */
export interface MutationProcedure {
  useMutation<TData>(options?: object): UseMutationResult<TData, FlowgladClientError, unknown>
}

/** What the hooks use of `trpc.useUtils()` per procedure. */
export interface ProcedureUtils {
  invalidate(input?: undefined): Promise<void>
}

/** The app's `createTRPCReact<AppRouter>()` object, as far as the hooks need it. */
export interface TRPCReactLike {
  useUtils(): unknown
}

function walk(root: unknown, segments: readonly string[]): unknown {
  // tRPC's proxies answer any property access with a deeper proxy, so this never hits undefined.
  return segments.reduce<unknown>((node, segment) => Reflect.get(node as object, segment), root)
}

/** Where the Flowglad router is mounted and how to reach its procedures. */
export interface FlowgladProxy {
  query(action: QueryPath): QueryProcedure
  mutation(action: MutationPath): MutationProcedure
  utils(utils: unknown, action: ActionPath): ProcedureUtils
  /** The router path segments, e.g. `['flowglad']`: the first element of every query key. */
  readonly segments: readonly string[]
}

/** Binds the procedure lookups to the app's tRPC object and mount path (`'flowglad'`, `'a.billing'`). */
export function flowgladProxy(trpc: TRPCReactLike, path: string): FlowgladProxy {
  const segments = path.split('.')
  const at = (root: unknown, action: ActionPath) => walk(root, [...segments, ...action.split('.')])
  return {
    segments,
    query: (action) => at(trpc, action) as QueryProcedure,
    mutation: (action) => at(trpc, action) as MutationProcedure,
    utils: (utils, action) => at(utils, action) as ProcedureUtils,
  }
}
