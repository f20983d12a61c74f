import type {
  DefinedUseQueryResult,
  UseMutationResult,
  UseQueryOptions,
  UseQueryResult,
} from '@tanstack/react-query'
import type { TRPCClientErrorLike } from '@trpc/client'
import type { AnyTRPCRouter, inferRouterInputs, inferRouterOutputs } from '@trpc/server'
import type {
  BillingLike,
  BillingWithChecks,
  CustomerDetails,
  FeatureAccessItem,
  PageParams,
  SubscriptionBalance,
  SubscriptionScope,
} from '../core/index'

// Every public hook type is computed from the app's `AppRouter`: outputs, inputs and the error
// type (with the app's error formatter) all come from the router mounted at `TPath`.

type At<T, K extends PropertyKey> = T extends Record<K, infer V> ? V : never
type Leaf<T, G extends string, A extends string> = At<At<T, G>, A>
/** `T` at a dotted mount path: `'flowglad'`, `'account.billing'`. */
type AtPath<T, P extends string> = P extends `${infer Head}.${infer Rest}`
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

type BillingOf<TRouter extends AnyTRPCRouter, TPath extends string> = FlowgladOutput<
  TRouter,
  TPath,
  'billing',
  'get'
>
type Billing<TRouter extends AnyTRPCRouter, TPath extends string> =
  BillingOf<TRouter, TPath> extends BillingLike ? BillingOf<TRouter, TPath> : never
type SubscriptionOf<B> = B extends { subscriptions: readonly (infer S)[] } ? S : never
type CurrentSubscriptionOf<B> = B extends { currentSubscriptions?: readonly (infer S)[] } ? S : never

/** Query options a hook passes through to TanStack (the query key and function are ours). */
export type FlowgladQueryOptions<TData, TError> = Omit<
  UseQueryOptions<TData, TError, TData>,
  'queryKey' | 'queryFn' | 'select'
>

/** What every query-backed hook exposes besides its Flowglad-named fields. */
export interface QueryStatus<TError> {
  status: 'pending' | 'error' | 'success'
  isLoading: boolean
  isFetching: boolean
  error: TError | null
  refetch: () => Promise<unknown>
}

/** Picks the TanStack fields of {@link QueryStatus} from a query result. */
export type QueryResultLike<TData, TError> =
  | UseQueryResult<TData, TError>
  | DefinedUseQueryResult<TData, TError>

/** Client-only checkout option: navigate to the checkout page once the session exists. */
export interface AutoRedirect {
  autoRedirect?: boolean
}

/** `{ id, url }` of a created checkout session. */
export type CheckoutSessionResult<TRouter extends AnyTRPCRouter, TPath extends string> = FlowgladOutput<
  TRouter,
  TPath,
  'checkout',
  'create'
>

type Action<TRouter extends AnyTRPCRouter, TPath extends string, G extends string, A extends string> = (
  input: FlowgladInput<TRouter, TPath, G, A>,
) => Promise<FlowgladOutput<TRouter, TPath, G, A>>
type CheckoutAction<TRouter extends AnyTRPCRouter, TPath extends string, A extends string> = (
  input: FlowgladInput<TRouter, TPath, 'checkout', A> & AutoRedirect,
) => Promise<FlowgladOutput<TRouter, TPath, 'checkout', A>>

/** The three checkout creators (`useCheckouts`, and `useBilling` once loaded). */
export interface CheckoutActions<TRouter extends AnyTRPCRouter, TPath extends string> {
  createCheckoutSession: CheckoutAction<TRouter, TPath, 'create'>
  createAddPaymentMethodCheckoutSession: CheckoutAction<TRouter, TPath, 'createAddPaymentMethod'>
  createActivateSubscriptionCheckoutSession: CheckoutAction<TRouter, TPath, 'createActivateSubscription'>
}

/** The actions `useBilling` adds once loaded; each invalidates what it changes. */
export interface BillingActions<TRouter extends AnyTRPCRouter, TPath extends string>
  extends CheckoutActions<TRouter, TPath> {
  cancelSubscription: Action<TRouter, TPath, 'subscriptions', 'cancel'>
  uncancelSubscription: Action<TRouter, TPath, 'subscriptions', 'uncancel'>
  adjustSubscription: Action<TRouter, TPath, 'subscriptions', 'adjust'>
  createUsageEvent: Action<TRouter, TPath, 'usageEvents', 'create'>
}

interface BillingCommon<TError> extends QueryStatus<TError> {
  /** Refetches billing (Flowglad's name for `refetch`). */
  reload: () => Promise<unknown>
}

type Absent<T> = { [K in keyof T]?: undefined }
type Loaded<TRouter extends AnyTRPCRouter, TPath extends string> = BillingWithChecks<
  Billing<TRouter, TPath>
> &
  BillingActions<TRouter, TPath>

/** `useBilling()`: pending (or disabled), error (signed out = `UNAUTHORIZED`), or loaded with helpers and actions. */
export type BillingState<TRouter extends AnyTRPCRouter, TPath extends string> =
  | (BillingCommon<FlowgladError<TRouter>> &
      Absent<Loaded<TRouter, TPath>> & { status: 'pending'; loaded: false; error: null; errors: null })
  | (BillingCommon<FlowgladError<TRouter>> &
      Absent<Loaded<TRouter, TPath>> & {
        status: 'error'
        loaded: true
        error: FlowgladError<TRouter>
        errors: [FlowgladError<TRouter>]
      })
  | (BillingCommon<FlowgladError<TRouter>> &
      Loaded<TRouter, TPath> & { status: 'success'; loaded: true; error: null; errors: null })

/** Options of `useBilling`: TanStack query options (`enabled`, `staleTime`, ...). */
export type BillingOptions<TRouter extends AnyTRPCRouter, TPath extends string> = FlowgladQueryOptions<
  Billing<TRouter, TPath>,
  FlowgladError<TRouter>
>

/** Options of the hooks that derive from billing: query options of the shared billing query. */
export type DerivedOptions<TRouter extends AnyTRPCRouter, TPath extends string> = Omit<
  BillingOptions<TRouter, TPath>,
  'placeholderData' | 'initialData' | 'structuralSharing'
>

type Subscription<TRouter extends AnyTRPCRouter, TPath extends string> = SubscriptionOf<
  Billing<TRouter, TPath>
>
type Balance<TRouter extends AnyTRPCRouter, TPath extends string> = SubscriptionBalance<
  CurrentSubscriptionOf<Billing<TRouter, TPath>>
>
type BillingField<TRouter extends AnyTRPCRouter, TPath extends string, K extends string> = At<
  Billing<TRouter, TPath>,
  K
>

/** `useSubscriptions()`. */
export interface SubscriptionsState<TRouter extends AnyTRPCRouter, TPath extends string>
  extends QueryStatus<FlowgladError<TRouter>> {
  subscriptions: Subscription<TRouter, TPath>[] | undefined
  currentSubscriptions: Subscription<TRouter, TPath>[] | undefined
  currentSubscription: Subscription<TRouter, TPath> | null | undefined
}

/** `useSubscription()`: the current subscription and its three actions. */
export interface SubscriptionState<TRouter extends AnyTRPCRouter, TPath extends string>
  extends QueryStatus<FlowgladError<TRouter>> {
  subscription: Subscription<TRouter, TPath> | null | undefined
  /** Cancels the current subscription (its id is filled in). */
  cancel: (
    input: Omit<FlowgladInput<TRouter, TPath, 'subscriptions', 'cancel'>, 'id'>,
  ) => Promise<FlowgladOutput<TRouter, TPath, 'subscriptions', 'cancel'>>
  /** Undoes a scheduled cancellation of the current subscription. */
  uncancel: (
    input?: FlowgladInput<TRouter, TPath, 'subscriptions', 'uncancel'>,
  ) => Promise<FlowgladOutput<TRouter, TPath, 'subscriptions', 'uncancel'>>
  /** Changes the current subscription's plan or quantity. */
  adjust: Action<TRouter, TPath, 'subscriptions', 'adjust'>
}

/** `useFeatures()`. */
export interface FeaturesState<TError> extends QueryStatus<TError> {
  features: FeatureAccessItem[] | undefined
}
/** `useFeature(slug)`. */
export interface FeatureState<TError> extends QueryStatus<TError> {
  feature: FeatureAccessItem | null
  hasAccess: boolean
}
/** `useUsageMeters()`. */
export interface UsageMetersState<TRouter extends AnyTRPCRouter, TPath extends string>
  extends QueryStatus<FlowgladError<TRouter>> {
  usageMeters: Balance<TRouter, TPath>[] | undefined
}
/** `useUsageMeter(slug)`. */
export interface UsageMeterState<TRouter extends AnyTRPCRouter, TPath extends string>
  extends QueryStatus<FlowgladError<TRouter>> {
  usageMeter: Balance<TRouter, TPath> | null
}
/** `usePaymentMethods()`. */
export interface PaymentMethodsState<TRouter extends AnyTRPCRouter, TPath extends string>
  extends QueryStatus<FlowgladError<TRouter>> {
  paymentMethods: BillingField<TRouter, TPath, 'paymentMethods'> | undefined
  billingPortalUrl: string | null | undefined
}
/** `useInvoices()`. */
export interface InvoicesState<TRouter extends AnyTRPCRouter, TPath extends string>
  extends QueryStatus<FlowgladError<TRouter>> {
  invoices: BillingField<TRouter, TPath, 'invoices'> | undefined
}
/** `usePurchases()`; `hasPurchased` matches a purchase's name, as Flowglad's hook does. */
export interface PurchasesState<TRouter extends AnyTRPCRouter, TPath extends string>
  extends QueryStatus<FlowgladError<TRouter>> {
  purchases: BillingField<TRouter, TPath, 'purchases'> | undefined
  hasPurchased: (purchaseName: string) => boolean
}
/** `useCustomerDetails()`. */
export interface CustomerDetailsState<TError> extends QueryStatus<TError> {
  customer: CustomerDetails | undefined
}

type ResourceUsages<TRouter extends AnyTRPCRouter, TPath extends string> = FlowgladOutput<
  TRouter,
  TPath,
  'resources',
  'list'
>
type ResourceUsage<TRouter extends AnyTRPCRouter, TPath extends string> =
  At<ResourceUsages<TRouter, TPath>, 'resources'> extends readonly (infer R)[] ? R : never
type ResourceClaims<TRouter extends AnyTRPCRouter, TPath extends string> = At<
  FlowgladOutput<TRouter, TPath, 'resources', 'claims'>,
  'claims'
>

/** `useResources()`: usages plus claim/release (which refresh resources and claims). */
export interface ResourcesState<TRouter extends AnyTRPCRouter, TPath extends string>
  extends QueryStatus<FlowgladError<TRouter>> {
  resources: ResourceUsage<TRouter, TPath>[] | undefined
  claim: Action<TRouter, TPath, 'resources', 'claim'>
  release: Action<TRouter, TPath, 'resources', 'release'>
}
/** `useResource(slug)`: one resource's usage and claims; claim/release pre-bound to the slug. */
export interface ResourceState<TRouter extends AnyTRPCRouter, TPath extends string>
  extends QueryStatus<FlowgladError<TRouter>> {
  usage: ResourceUsage<TRouter, TPath> | undefined
  claims: ResourceClaims<TRouter, TPath> | []
  isLoadingClaims: boolean
  claim: (
    input: Omit<FlowgladInput<TRouter, TPath, 'resources', 'claim'>, 'resourceSlug'>,
  ) => Promise<FlowgladOutput<TRouter, TPath, 'resources', 'claim'>>
  release: (
    input: Omit<FlowgladInput<TRouter, TPath, 'resources', 'release'>, 'resourceSlug'>,
  ) => Promise<FlowgladOutput<TRouter, TPath, 'resources', 'release'>>
}

/** The pricing model of `pricing.default`. */
export type PricingModelOf<TRouter extends AnyTRPCRouter, TPath extends string> = At<
  FlowgladOutput<TRouter, TPath, 'pricing', 'default'>,
  'pricingModel'
>

/** A mutation hook result, as TanStack returns it. */
export type FlowgladMutationResult<TData, TError, TInput> = UseMutationResult<TData, TError, TInput>

/** Re-exported so hook signatures read in Flowglad's terms. */
export type { PageParams, SubscriptionScope }

type Err<TRouter extends AnyTRPCRouter> = FlowgladError<TRouter>

/** The hooks `createFlowgladHooks(trpc)` returns, typed from the app's router. */
export interface FlowgladHooks<TRouter extends AnyTRPCRouter, TPath extends string> {
  /** Billing with helpers and actions; fetched only once a component uses it. */
  useBilling: (options?: BillingOptions<TRouter, TPath>) => BillingState<TRouter, TPath>
  /** The default pricing model (always on, works signed out), or null until loaded. */
  usePricing: (
    options?: FlowgladQueryOptions<FlowgladOutput<TRouter, TPath, 'pricing', 'default'>, Err<TRouter>>,
  ) => PricingModelOf<TRouter, TPath> | null
  /** Alias of `usePricing` (Flowglad's name). */
  usePricingModel: FlowgladHooks<TRouter, TPath>['usePricing']
  /** @deprecated Flowglad renamed the catalog to the pricing model: use `usePricing`. */
  useCatalog: FlowgladHooks<TRouter, TPath>['usePricing']
  /** Subscriptions (current ones, or all with `includeHistorical`). */
  useSubscriptions: (
    params?: { includeHistorical?: boolean },
    options?: DerivedOptions<TRouter, TPath>,
  ) => SubscriptionsState<TRouter, TPath>
  /** The current subscription with cancel, uncancel and adjust. */
  useSubscription: (options?: DerivedOptions<TRouter, TPath>) => SubscriptionState<TRouter, TPath>
  /** Toggle features the customer has. */
  useFeatures: (
    scope?: SubscriptionScope,
    options?: DerivedOptions<TRouter, TPath>,
  ) => FeaturesState<Err<TRouter>>
  /** One toggle feature and `hasAccess`. */
  useFeature: (
    slug: string,
    scope?: SubscriptionScope,
    options?: DerivedOptions<TRouter, TPath>,
  ) => FeatureState<Err<TRouter>>
  /** Usage meter balances of the current subscriptions. */
  useUsageMeters: (
    scope?: SubscriptionScope,
    options?: DerivedOptions<TRouter, TPath>,
  ) => UsageMetersState<TRouter, TPath>
  /** One usage meter's balance, or null. */
  useUsageMeter: (
    slug: string,
    scope?: SubscriptionScope,
    options?: DerivedOptions<TRouter, TPath>,
  ) => UsageMeterState<TRouter, TPath>
  /** Payment methods and the billing portal URL. */
  usePaymentMethods: (options?: DerivedOptions<TRouter, TPath>) => PaymentMethodsState<TRouter, TPath>
  /** Invoices, cursor-paged like Flowglad's `invoices/list`. */
  useInvoices: (page?: PageParams, options?: DerivedOptions<TRouter, TPath>) => InvoicesState<TRouter, TPath>
  /** Purchases, cursor-paged, with `hasPurchased(name)`. */
  usePurchases: (
    page?: PageParams,
    options?: DerivedOptions<TRouter, TPath>,
  ) => PurchasesState<TRouter, TPath>
  /** The customer as Flowglad's `customerDetails` returns it. */
  useCustomerDetails: (options?: DerivedOptions<TRouter, TPath>) => CustomerDetailsState<Err<TRouter>>
  /** Resource usages with claim and release. */
  useResources: (
    options?: FlowgladQueryOptions<FlowgladOutput<TRouter, TPath, 'resources', 'list'>, Err<TRouter>>,
  ) => ResourcesState<TRouter, TPath>
  /** One resource's usage and claims. */
  useResource: (
    slug: string,
    options?: FlowgladQueryOptions<FlowgladOutput<TRouter, TPath, 'resources', 'list'>, Err<TRouter>>,
  ) => ResourceState<TRouter, TPath>
  /** Checkout creators (with `autoRedirect`). */
  useCheckouts: () => CheckoutActions<TRouter, TPath> & { isPending: boolean; error: Err<TRouter> | null }
}
