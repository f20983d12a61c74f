import type { FlowgladHookError } from './flowgladQueryBinding'
import type { HooksContext } from './hooksContext'
import type { FlowgladTypes } from './routerTypes'

// A hook is one file: its implementation over the hooks' context, and its public signature as a
// function of the app's Flowglad types. TypeScript has no type-level functions, so the signature is
// an interface reading `this['types']`, applied by intersecting `{ types: T }` (the usual
// higher-kinded-type encoding). The registry (`hooks.ts`) lists the entries; `createFlowgladHooks`
// binds them all to the app's client and `FlowgladHooks<T>` maps their signatures over it.

/** A hook's public signature; `signature` reads the app's types through {@link TypesOf}`<this>`. */
export interface HookSignature {
  readonly types: unknown
  readonly signature: (...args: never[]) => unknown
}

/** The app's Flowglad types inside a {@link HookSignature} (`unknown` until applied). */
export type TypesOf<S extends HookSignature> = Extract<S['types'], FlowgladTypes>

/** `S`'s signature for the app's types `T`. */
export type SignatureFor<S extends HookSignature, T> = (S & { readonly types: T })['signature']

/** A registry entry: the implementation over the hooks' context, typed for users by `S`. */
export interface FlowgladHook<S extends HookSignature> {
  /** The implementation; the registry passes the context, then the caller's arguments. */
  readonly use: (ctx: HooksContext, ...args: never[]) => unknown
  /** Type only (never set): the public signature `FlowgladHooks<T>` gives this hook. */
  readonly signature?: S
}

/**
 * The types an implementation is checked against: any router's (the registry's loose shapes,
 * which reach no server code), with the client error every hook sees.
 */
export interface ImplementationTypes extends FlowgladTypes {
  error: FlowgladHookError
}

/**
 * What an implementation of `S` must accept: the context first, then every argument list the
 * public signature allows, whatever the app's router. Results are written against the
 * registry's loose shapes and typed for users by `S`; the hook type tests check those.
 */
export type ImplementationOf<S extends HookSignature> = (
  ctx: HooksContext,
  ...args: Parameters<SignatureFor<S, ImplementationTypes>>
) => unknown

/**
 * Declares a hook: `defineHook<Signature>(useX)` where `useX(ctx, ...args)` implements it. The
 * compiler checks `useX` against the signature, so an implementation that takes other arguments
 * than its users pass does not compile.
 */
export function defineHook<S extends HookSignature>(use: ImplementationOf<S>): FlowgladHook<S> {
  // The registry calls `use` with the caller's arguments, which the check above typed.
  return { use: use as FlowgladHook<S>['use'] }
}

/** Any registry: hook name to entry. */
export type HookTable = Readonly<Record<string, FlowgladHook<HookSignature>>>

type SignatureOf<H> = H extends FlowgladHook<infer S> ? S : never

/** Every hook of `Table` with its public signature for the app's types `T` (docs follow the table's). */
export type BoundHooks<Table extends HookTable, T> = {
  [K in keyof Table]: SignatureFor<SignatureOf<Table[K]>, T>
}

/** Binds every hook of `table` to `ctx`: `useX(...args)` calls the entry's `use(ctx, ...args)`. */
export function bindHooks(
  table: HookTable,
  ctx: HooksContext,
): Record<string, (...args: never[]) => unknown> {
  return Object.fromEntries(
    Object.entries(table).map(([name, hook]) => [name, (...args: never[]) => hook.use(ctx, ...args)]),
  )
}
