import type { UseQueryOptions } from '@tanstack/react-query'
import type { TRPCClientErrorLike } from '@trpc/client'
import type { AnyTRPCRouter, inferRouterInputs, inferRouterOutputs } from '@trpc/server'
import type {
  CustomerBillingLike,
  FeatureSlug,
  PriceSlug,
  ProductSlug,
  ResourceSlug,
  UsageMeterSlug,
} from '../core/index'

// Every public hook type is computed from the app's own Flowglad sub-router: outputs, inputs and
// the error type (with the app's error formatter). `FlowgladTypes` is that information in one
// record, read either from `AppRouter` plus a mount path (classic root) or from the sub-router the
// app hands over (`trpc.flowglad` of either tRPC React client).

/** `T[K]` when `T` has `K`, else never (so a router without Flowglad types as never, not any). */
export type At<T, K extends PropertyKey> = T extends Record<K, infer V> ? V : never
/** `T[G][A]`: one procedure under a Flowglad group. */
export type Leaf<T, G extends string, A extends string> = At<At<T, G>, A>
/** `T` at a dotted mount path: `'flowglad'`, `'account.billing'`. */
export type AtPath<T, P extends string> = P extends `${infer Head}.${infer Rest}`
  ? AtPath<At<T, Head>, Rest>
  : At<T, P>

/** The inputs, outputs and error of the app's Flowglad router: what every hook type is computed from. */
export interface FlowgladTypes {
  inputs: unknown
  outputs: unknown
  error: unknown
}

/** {@link FlowgladTypes} of the Flowglad router mounted at `TPath` in `TRouter`. */
export interface RouterFlowgladTypes<TRouter extends AnyTRPCRouter, TPath extends string> {
  inputs: AtPath<inferRouterInputs<TRouter>, TPath>
  outputs: AtPath<inferRouterOutputs<TRouter>, TPath>
  error: TRPCClientErrorLike<TRouter>
}

// A procedure of the options proxy carries `~types`; a classic one is read from its hook signatures.
type ProcedureInput<P> = P extends { '~types': { input: infer I } }
  ? I
  : P extends { useSuspenseQuery: (input: infer I, ...rest: never[]) => unknown }
    ? I
    : P extends { useMutation: (...args: never[]) => { mutateAsync: (input: infer I) => unknown } }
      ? I
      : never
type ProcedureOutput<P> = P extends { '~types': { output: infer O } }
  ? O
  : P extends { useSuspenseQuery: (input: never, opts?: infer Opts) => unknown }
    ? Opts extends { select?: (data: infer D) => unknown }
      ? D
      : never
    : P extends { useMutation: (...args: never[]) => { mutateAsync: (...args: never[]) => Promise<infer O> } }
      ? O
      : never
type ProcedureError<P> = P extends { '~types': { errorShape: infer E } }
  ? TRPCClientErrorLike<{ errorShape: E; transformer: boolean }>
  : P extends { useMutation: (opts?: infer Opts) => unknown }
    ? Opts extends { onError?: (error: infer E, ...rest: never[]) => unknown }
      ? E
      : never
    : never
type MapProcedures<TSub, F extends 'input' | 'output'> = {
  [G in keyof TSub]: {
    [A in keyof TSub[G]]: F extends 'input' ? ProcedureInput<TSub[G][A]> : ProcedureOutput<TSub[G][A]>
  }
}

/** {@link FlowgladTypes} read from the app's Flowglad sub-router proxy (`trpc.flowglad`, either client). */
export interface SubRouterFlowgladTypes<TSub> {
  inputs: MapProcedures<TSub, 'input'>
  outputs: MapProcedures<TSub, 'output'>
  error: ProcedureError<At<At<TSub, 'usageEvents'>, 'create'>>
}

/** Output of the Flowglad procedure `G.A`. */
export type FlowgladOutput<T extends FlowgladTypes, G extends string, A extends string> = Leaf<
  T['outputs'],
  G,
  A
>
/** The slug fields of Flowglad inputs and the app's registered slugs for each (`string` unregistered). */
interface SlugFields {
  featureSlug: FeatureSlug
  priceSlug: PriceSlug
  productSlug: ProductSlug
  usageMeterSlug: UsageMeterSlug
  resourceSlug: ResourceSlug
}
type Narrow<V, S> = V extends string ? S : V
/** An input with its slug fields narrowed to the registered slugs (per union member, optionality kept). */
export type WithTypedSlugs<I> = I extends object
  ? { [K in keyof I]: K extends keyof SlugFields ? Narrow<I[K], SlugFields[K]> : I[K] }
  : I
/** Input of the Flowglad procedure `G.A`, with typed slugs. */
export type FlowgladInput<T extends FlowgladTypes, G extends string, A extends string> = WithTypedSlugs<
  Leaf<T['inputs'], G, A>
>
/** The error every hook reports: the app router's `TRPCClientError` shape. */
export type FlowgladError<T extends FlowgladTypes> = T['error']

/**
 * `CustomerBilling` as the app's router returns it (`billing.get`, with the app's transformer),
 * or never when that is not something the billing helpers accept.
 */
export type CustomerBillingOf<T extends FlowgladTypes> =
  FlowgladOutput<T, 'billing', 'get'> extends infer B extends CustomerBillingLike ? B : never
/** The subscription element type of a billing payload: `SubscriptionOf<CustomerBillingOf<T>>`. */
export type SubscriptionOf<B> = B extends { subscriptions: readonly (infer S)[] } ? S : never

/** Query options a hook passes through to TanStack (the query key and function are ours). */
export type FlowgladQueryOptions<TData, TError> = Omit<
  UseQueryOptions<TData, TError, TData>,
  'queryKey' | 'queryFn' | 'select'
>

// Router-derived types are the server's name plus `Of`: `CustomerBillingOf<T>` is `CustomerBilling`
// as the app's router returns it (with its transformer), and so on.

/** `ResourceUsage` as the app's router returns it: one element of `resources.list`. */
export type ResourceUsageOf<T extends FlowgladTypes> =
  At<FlowgladOutput<T, 'resources', 'list'>, 'resources'> extends readonly (infer R)[] ? R : never
/** `ResourceClaim` as the app's router returns it: one element of `resources.claims`. */
export type ResourceClaimOf<T extends FlowgladTypes> =
  At<FlowgladOutput<T, 'resources', 'claims'>, 'claims'> extends readonly (infer C)[] ? C : never

/** `PricingModel` as the app's router returns it (`pricing.default`). */
export type PricingModelOf<T extends FlowgladTypes> = At<
  FlowgladOutput<T, 'pricing', 'default'>,
  'pricingModel'
>
