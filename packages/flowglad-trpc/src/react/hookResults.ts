import type { BillingWithChecks, CustomerDetails, FeatureAccessItem } from '../core/index'
import type {
  Balance,
  Billing,
  BillingField,
  FlowgladError,
  FlowgladInput,
  FlowgladOutput,
  FlowgladQueryOptions,
  FlowgladTypes,
  PricingModelOf,
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

type Action<T extends FlowgladTypes, G extends string, A extends string> = (
  input: FlowgladInput<T, G, A>,
) => Promise<FlowgladOutput<T, G, A>>
type CheckoutAction<T extends FlowgladTypes, A extends string> = (
  input: FlowgladInput<T, 'checkout', A> & AutoRedirect,
) => Promise<FlowgladOutput<T, 'checkout', A>>

/** The three checkout creators (`useCheckouts`, and `useBilling` once loaded). */
export interface CheckoutActions<T extends FlowgladTypes> {
  createCheckoutSession: CheckoutAction<T, 'create'>
  createAddPaymentMethodCheckoutSession: CheckoutAction<T, 'createAddPaymentMethod'>
  createActivateSubscriptionCheckoutSession: CheckoutAction<T, 'createActivateSubscription'>
}

/** The actions `useBilling` adds once loaded; each invalidates what it changes. */
export interface BillingActions<T extends FlowgladTypes> extends CheckoutActions<T> {
  cancelSubscription: Action<T, 'subscriptions', 'cancel'>
  uncancelSubscription: Action<T, 'subscriptions', 'uncancel'>
  adjustSubscription: Action<T, 'subscriptions', 'adjust'>
  createUsageEvent: Action<T, 'usageEvents', 'create'>
}

interface BillingCommon<TError> extends QueryStatus<TError> {
  /** Refetches billing (Flowglad's name for `refetch`). */
  reload: () => Promise<unknown>
}

type Absent<T> = { [K in keyof T]?: undefined }
type Loaded<T extends FlowgladTypes> = BillingWithChecks<Billing<T>> & BillingActions<T>

/** `useBilling()`: pending (or disabled), error (signed out = `UNAUTHORIZED`), or loaded with helpers and actions. */
export type BillingState<T extends FlowgladTypes> =
  | (BillingCommon<FlowgladError<T>> &
      Absent<Loaded<T>> & { status: 'pending'; loaded: false; error: null; errors: null })
  | (BillingCommon<FlowgladError<T>> &
      Absent<Loaded<T>> & {
        status: 'error'
        loaded: true
        error: FlowgladError<T>
        errors: [FlowgladError<T>]
      })
  | (BillingCommon<FlowgladError<T>> &
      Loaded<T> & { status: 'success'; loaded: true; error: null; errors: null })

/** Options of `useBilling`: TanStack query options (`enabled`, `staleTime`, ...). */
export type BillingOptions<T extends FlowgladTypes> = FlowgladQueryOptions<Billing<T>, FlowgladError<T>>

/** Options of the hooks that derive from billing: query options of the shared billing query. */
export type DerivedOptions<T extends FlowgladTypes> = Omit<
  BillingOptions<T>,
  'placeholderData' | 'initialData' | 'structuralSharing'
>

/** `useSubscriptions()`. */
export interface SubscriptionsState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  subscriptions: Subscription<T>[] | undefined
  currentSubscriptions: Subscription<T>[] | undefined
  currentSubscription: Subscription<T> | null | undefined
}

/** `useSubscription()`: the current subscription and its three actions. */
export interface SubscriptionState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  subscription: Subscription<T> | null | undefined
  /** Cancels the current subscription (its id is filled in). */
  cancel: (
    input: Omit<FlowgladInput<T, 'subscriptions', 'cancel'>, 'id'>,
  ) => Promise<FlowgladOutput<T, 'subscriptions', 'cancel'>>
  /** Undoes a scheduled cancellation of the current subscription. */
  uncancel: (
    input?: FlowgladInput<T, 'subscriptions', 'uncancel'>,
  ) => Promise<FlowgladOutput<T, 'subscriptions', 'uncancel'>>
  /** Changes the current subscription's plan or quantity. */
  adjust: Action<T, 'subscriptions', 'adjust'>
}

/** `usePricing()`: the public pricing model (null until loaded or after a failure) and its status. */
export interface PricingState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  pricingModel: PricingModelOf<T> | null
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
export interface UsageMetersState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  usageMeters: Balance<T>[] | undefined
}
/** `useUsageMeter(slug)`. */
export interface UsageMeterState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  usageMeter: Balance<T> | null
}
/** `usePaymentMethods()`. */
export interface PaymentMethodsState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  paymentMethods: BillingField<T, 'paymentMethods'> | undefined
  billingPortalUrl: string | null | undefined
}
/** `useInvoices()`. */
export interface InvoicesState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  invoices: BillingField<T, 'invoices'> | undefined
}
/** `usePurchases()`; `hasPurchased` matches a purchase's name, as Flowglad's hook does. */
export interface PurchasesState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  purchases: BillingField<T, 'purchases'> | undefined
  hasPurchased: (purchaseName: string) => boolean
}
/** `useCustomerDetails()`. */
export interface CustomerDetailsState<TError> extends QueryStatus<TError> {
  customer: CustomerDetails | undefined
}

/** `useResources()`: usages plus claim/release (which refresh resources and claims). */
export interface ResourcesState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  resources: ResourceUsage<T>[] | undefined
  claim: Action<T, 'resources', 'claim'>
  release: Action<T, 'resources', 'release'>
}
/** `useResource(slug)`: one resource's usage and claims; claim/release pre-bound to the slug. */
export interface ResourceState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  usage: ResourceUsage<T> | undefined
  claims: ResourceClaims<T> | []
  isLoadingClaims: boolean
  claim: (
    input: Omit<FlowgladInput<T, 'resources', 'claim'>, 'resourceSlug'>,
  ) => Promise<FlowgladOutput<T, 'resources', 'claim'>>
  release: (
    input: Omit<FlowgladInput<T, 'resources', 'release'>, 'resourceSlug'>,
  ) => Promise<FlowgladOutput<T, 'resources', 'release'>>
}
