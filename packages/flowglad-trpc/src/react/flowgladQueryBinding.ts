import {
  type QueryKey,
  type UseMutationOptions,
  type UseMutationResult,
  type UseQueryOptions,
  useMutation,
} from '@tanstack/react-query'
import type { TRPCClientErrorLike } from '@trpc/client'
import type { AnyTRPCRouter } from '@trpc/server'
import { useMemo } from 'react'
import type { MutationPath, QueryPath } from '../core/actions'

// The one options factory behind every hook. Both tRPC React clients build TanStack options
// for a procedure of the app's Flowglad sub-router: `@trpc/tanstack-react-query`'s proxy
// (`trpc.flowglad.billing.get.queryOptions(...)`) and the classic client's utils
// (`utils.flowglad.billing.get.queryOptions(...)`). The hooks only ever see a FlowgladQueryBinding,
// so each is one `useQuery`/`useMutation` over these options, and every query key is the one
// the app's client builds (its `keyPrefix` included), never a layout of ours.

/** The error any Flowglad hook sees, before the app router narrows it (`FlowgladError<T>`). */
export type FlowgladHookError = TRPCClientErrorLike<AnyTRPCRouter>

/** TanStack options of a Flowglad query, as the app's tRPC client builds them. */
export type FlowgladQueryOptionsOut = UseQueryOptions<unknown, FlowgladHookError, unknown, QueryKey>
/** TanStack options of a Flowglad mutation. */
export type FlowgladMutationOptionsOut = UseMutationOptions<unknown, FlowgladHookError, unknown>
/** A Flowglad mutation as TanStack runs it. */
export type FlowgladMutationResult = UseMutationResult<unknown, FlowgladHookError, unknown>

/**
 * What both clients offer per query procedure of the Flowglad sub-router: the options proxy's
 * procedures and the classic `trpc.useUtils()` procedures.
 */
export interface QueryProcedureSource {
  queryOptions(input: unknown, opts?: object): FlowgladQueryOptionsOut
}

/**
 * The hooks' view of the app's tRPC React client, bound to its Flowglad sub-router for one
 * render: TanStack options, mutations and query keys for any Flowglad procedure. (Not the
 * `@flowglad/node` client the server calls Flowglad with.)
 */
export interface FlowgladQueryBinding {
  /** TanStack options of query `action` for `input`, as the app's client builds them. */
  queryOptions(action: QueryPath, input: unknown, opts?: object): FlowgladQueryOptionsOut
  /** A hook: runs `action` the way the app's client runs its own mutations (its global options included). */
  useMutation(action: MutationPath, opts: object): FlowgladMutationResult
  /** The key every input of `action` is cached under (a prefix of theirs), as the client builds it. */
  queryKey(action: QueryPath): QueryKey
}

/** Property walk through tRPC's recursive proxies (any property answers a deeper proxy). */
export function walk(root: unknown, segments: readonly string[]): unknown {
  return segments.reduce<unknown>((node, segment) => Reflect.get(node as object, segment), root)
}

const at = (router: unknown, action: string) => walk(router, action.split('.'))

/**
 * The key under which a query procedure caches every input: its options for no input carry the
 * path and the query type, a prefix (TanStack's partial match) of the key of any input. Both
 * clients answer `queryOptions`, so one rule serves both.
 */
export function procedureQueryKey(router: unknown, action: QueryPath): QueryKey {
  return (at(router, action) as QueryProcedureSource).queryOptions(undefined).queryKey
}

/** What `createTRPCOptionsProxy`/`useTRPC()` offers per mutation procedure. */
interface OptionsProxyMutation {
  mutationOptions(opts: object): FlowgladMutationOptionsOut
}

/** What the classic `createTRPCReact` object offers per mutation procedure. */
interface ClassicMutationHook {
  useMutation(opts: object): FlowgladMutationResult
}

/** Both clients build query options and keys from a router of `queryOptions` procedures; only mutations differ. */
function bindingOver(
  router: unknown,
  useMutationAt: FlowgladQueryBinding['useMutation'],
): FlowgladQueryBinding {
  return {
    queryOptions: (action, input, opts) =>
      (at(router, action) as QueryProcedureSource).queryOptions(input, opts),
    useMutation: useMutationAt,
    queryKey: (action) => procedureQueryKey(router, action),
  }
}

/** The binding over `@trpc/tanstack-react-query`'s options proxy, at the Flowglad sub-router. */
export function optionsProxyBinding(router: unknown): FlowgladQueryBinding {
  return bindingOver(router, (action, opts) =>
    useMutation((at(router, action) as OptionsProxyMutation).mutationOptions(opts)),
  )
}

/**
 * The binding over `@trpc/react-query`: queries from `trpc.useUtils()` at the Flowglad sub-router's
 * path, mutations through the procedure's own `trpc.<path>.useMutation`, so what the app set on
 * `createTRPCReact` (`overrides.useMutation.onSuccess`, e.g. a global invalidation) applies to
 * Flowglad's writes as to its own.
 */
export function classicBinding(
  trpc: unknown,
  utils: unknown,
  segments: readonly string[],
): FlowgladQueryBinding {
  const hooks = walk(trpc, segments)
  return bindingOver(walk(utils, segments), (action, opts) =>
    (at(hooks, action) as ClassicMutationHook).useMutation(opts),
  )
}

/**
 * How to reach the app's client from a component: `useRoot` is the client's own hook
 * (`trpc.useUtils` classic, `useTRPC` newer), `bind` turns its answer into a FlowgladQueryBinding.
 */
export interface FlowgladQueryBindingSource {
  readonly useRoot: () => unknown
  readonly bind: (root: unknown) => FlowgladQueryBinding
}

/** The app's client bound for this render (the same object while the client is). */
export function useFlowgladQueryBinding(source: FlowgladQueryBindingSource): FlowgladQueryBinding {
  const root = source.useRoot()
  return useMemo(() => source.bind(root), [source, root])
}
