import type { UseQueryOptions } from '@tanstack/react-query'
import type { TRPCClientErrorLike } from '@trpc/client'
import type { AnyTRPCRouter, inferRouterInputs, inferRouterOutputs } from '@trpc/server'
import type { BillingLike, SubscriptionBalance } from '../core/index'

// Every public hook type is computed from the app's `AppRouter`: outputs, inputs and the error
// type (with the app's error formatter) all come from the Flowglad router mounted at `TPath`.

/** `T[K]` when `T` has `K`, else never (so a router without Flowglad types as never, not any). */
export type At<T, K extends PropertyKey> = T extends Record<K, infer V> ? V : never
/** `T[G][A]`: one procedure under a Flowglad group. */
export type Leaf<T, G extends string, A extends string> = At<At<T, G>, A>
/** `T` at a dotted mount path: `'flowglad'`, `'account.billing'`. */
export type AtPath<T, P extends string> = P extends `${infer Head}.${infer Rest}`
  ? AtPath<At<T, Head>, Rest>
  : At<T, P>

/** Output of the Flowglad procedure `G.A` in `TRouter`, mounted at `TPath`. */
export type FlowgladOutput<
  TRouter extends AnyTRPCRouter,
  TPath extends string,
  G extends string,
  A extends string,
> = Leaf<AtPath<inferRouterOutputs<TRouter>, TPath>, G, A>
/** Input of the Flowglad procedure `G.A` in `TRouter`, mounted at `TPath`. */
export type FlowgladInput<
  TRouter extends AnyTRPCRouter,
  TPath extends string,
  G extends string,
  A extends string,
> = Leaf<AtPath<inferRouterInputs<TRouter>, TPath>, G, A>
/** The error every hook reports: the app router's `TRPCClientError` shape. */
export type FlowgladError<TRouter extends AnyTRPCRouter> = TRPCClientErrorLike<TRouter>

/** Output of `billing.get` in the app router. */
export type BillingOf<TRouter extends AnyTRPCRouter, TPath extends string> = FlowgladOutput<
  TRouter,
  TPath,
  'billing',
  'get'
>
/** The billing payload, checked to be something the billing helpers accept. */
export type Billing<TRouter extends AnyTRPCRouter, TPath extends string> =
  BillingOf<TRouter, TPath> extends BillingLike ? BillingOf<TRouter, TPath> : never
/** The subscription element type of a billing payload. */
export type SubscriptionOf<B> = B extends { subscriptions: readonly (infer S)[] } ? S : never
/** The current-subscription element type of a billing payload. */
export type CurrentSubscriptionOf<B> = B extends { currentSubscriptions?: readonly (infer S)[] } ? S : never

/** Query options a hook passes through to TanStack (the query key and function are ours). */
export type FlowgladQueryOptions<TData, TError> = Omit<
  UseQueryOptions<TData, TError, TData>,
  'queryKey' | 'queryFn' | 'select'
>

/** A subscription as the app router returns it. */
export type Subscription<TRouter extends AnyTRPCRouter, TPath extends string> = SubscriptionOf<
  Billing<TRouter, TPath>
>
/** A usage meter balance as the app router returns it. */
export type Balance<TRouter extends AnyTRPCRouter, TPath extends string> = SubscriptionBalance<
  CurrentSubscriptionOf<Billing<TRouter, TPath>>
>
/** One field of the billing payload as the app router returns it. */
export type BillingField<TRouter extends AnyTRPCRouter, TPath extends string, K extends string> = At<
  Billing<TRouter, TPath>,
  K
>

/** Output of `resources.list`. */
export type ResourceUsages<TRouter extends AnyTRPCRouter, TPath extends string> = FlowgladOutput<
  TRouter,
  TPath,
  'resources',
  'list'
>
/** One resource usage of `resources.list`. */
export type ResourceUsage<TRouter extends AnyTRPCRouter, TPath extends string> =
  At<ResourceUsages<TRouter, TPath>, 'resources'> extends readonly (infer R)[] ? R : never
/** The claims of `resources.claims`. */
export type ResourceClaims<TRouter extends AnyTRPCRouter, TPath extends string> = At<
  FlowgladOutput<TRouter, TPath, 'resources', 'claims'>,
  'claims'
>

/** The pricing model of `pricing.default`. */
export type PricingModelOf<TRouter extends AnyTRPCRouter, TPath extends string> = At<
  FlowgladOutput<TRouter, TPath, 'pricing', 'default'>,
  'pricingModel'
>
