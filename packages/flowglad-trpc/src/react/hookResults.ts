import type { AnyTRPCRouter } from '@trpc/server'
import type { BillingWithChecks, CustomerDetails, FeatureAccessItem } from '../core/index'
import type {
  Balance,
  Billing,
  BillingField,
  FlowgladError,
  FlowgladInput,
  FlowgladOutput,
  FlowgladQueryOptions,
  ResourceClaims,
  ResourceUsage,
  Subscription,
} from './routerTypes'

// What each hook returns: Flowglad's field names, plus the TanStack status fields.

/** What every query-backed hook exposes besides its Flowglad-named fields. */
export interface QueryStatus<TError> {
  status: 'pending' | 'error' | 'success'
  isLoading: boolean
  isFetching: boolean
  error: TError | null
  refetch: () => Promise<unknown>
}

/** Client-only checkout option: navigate to the checkout page once the session exists. */
export interface AutoRedirect {
  autoRedirect?: boolean
}

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
