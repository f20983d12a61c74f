import type { CreateTRPCReact } from '@trpc/react-query'
import type { AnyTRPCRouter } from '@trpc/server'
import { bindHooks } from './defineHook'
import type { FlowgladHooks } from './FlowgladHooks'
import { classicBinding, type FlowgladQueryBindingSource, optionsProxyBinding } from './flowgladQueryBinding'
import { flowgladHooks } from './hooks'
import type { HooksContext } from './hooksContext'
import type { At, RouterFlowgladTypes, SubRouterFlowgladTypes } from './routerTypes'

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
export interface ClassicHooksOptions<TRoot, TSub> extends FlowgladHooksOptions {
  /** The Flowglad sub-router, e.g. `(trpc) => trpc.account.billing` (default `trpc.flowglad`). */
  router?: (trpc: TRoot) => TSub
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

function classicSource(trpc: ClassicRoot, options: ClassicHooksOptions<never, unknown>) {
  const segments = options.router ? (options.router(trpc as never) as ClassicNode)._def().path : ['flowglad']
  return {
    useRoot: trpc.useUtils,
    bind: (utils: unknown) => classicBinding(trpc, utils, segments),
  } satisfies FlowgladQueryBindingSource
}

function optionsProxySource(source: OptionsProxySource<never, unknown>) {
  const select = source.router ?? ((trpc: object) => Reflect.get(trpc, 'flowglad'))
  return {
    useRoot: source.useTRPC,
    bind: (root: unknown) => optionsProxyBinding(select(root as never)),
  } satisfies FlowgladQueryBindingSource
}

// The `{ useTRPC }` overload comes first: in an app without `@trpc/react-query` installed,
// `CreateTRPCReact` is unresolved (any) and would swallow `{ useTRPC }` with an `AnyRouter`
// typing, every hook result then being `never` (fixtures/getting-started caught it).
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
export function createFlowgladHooks<TRouter extends AnyTRPCRouter>(
  trpc: CreateTRPCReact<TRouter, unknown>,
  options?: FlowgladHooksOptions,
): FlowgladHooks<RouterFlowgladTypes<TRouter, 'flowglad'>>
export function createFlowgladHooks(
  source: unknown,
  hookOptions?: ClassicHooksOptions<never, unknown>,
): unknown {
  const options = hookOptions ?? {}
  // `in` reads the proxy's target (tRPC's proxies define no `has` trap): only the
  // `{ useTRPC }` object of the newer client has the key.
  const binding =
    'useTRPC' in (source as object)
      ? optionsProxySource(source as OptionsProxySource<never, unknown>)
      : classicSource(source as ClassicRoot, options)
  const ctx: HooksContext = {
    binding,
    navigate: options.navigate ?? assign,
    staleTime: options.staleTime ?? 30_000,
    pricingStaleTime: options.pricingStaleTime ?? 5 * 60_000,
  }
  // Every registry entry bound to this client; the implementations are written against the
  // registry's loose shapes, and the app router's precise types are put back on by the overloads
  // above (`FlowgladHooks<T>` is mapped from the same registry; the type tests check it).
  return bindHooks(flowgladHooks, ctx)
}
