import type { Query } from '@tanstack/react-query'
import type { FeatureSlug, PageParams, ResourceSlug, SubscriptionScope, UsageMeterSlug } from '../core/index'
import type {
  BillingOptions,
  BillingState,
  CheckoutActions,
  CustomerDetailsState,
  DerivedOptions,
  FeatureState,
  FeaturesState,
  InvoicesState,
  PaymentMethodsState,
  PricingState,
  PurchasesState,
  ResourceState,
  ResourcesState,
  SubscriptionState,
  SubscriptionsState,
  UsageMeterState,
  UsageMetersState,
} from './hookResults'
import type {
  FlowgladError,
  FlowgladOutput,
  FlowgladQueryOptions,
  FlowgladTypes,
  PricingModelOf,
} from './routerTypes'

type Err<T extends FlowgladTypes> = FlowgladError<T>
type PricingOptions<T extends FlowgladTypes> = FlowgladQueryOptions<
  FlowgladOutput<T, 'pricing', 'default'>,
  Err<T>
>

/** The current customer's Flowglad queries in the cache, keyed by the app's client. */
export interface FlowgladCustomerCache {
  /** True for a cached query holding the current customer's Flowglad data (not the public pricing model). */
  isCustomerQuery: (query: Query) => boolean
  /** Clears the customer's data and refetches what is mounted (e.g. after switching organization). */
  reset: () => Promise<void>
  /** Drops the customer's data without refetching (sign-out). */
  remove: () => void
}

/** The hooks `createFlowgladHooks(trpc)` returns, typed from the app's router. */
export interface FlowgladHooks<T extends FlowgladTypes> {
  /** Billing with helpers and actions; fetched only once a component uses it. */
  useBilling: (options?: BillingOptions<T>) => BillingState<T>
  /** The default pricing model (public, works signed out) with its query status: loading and error included. */
  usePricing: (options?: PricingOptions<T>) => PricingState<T>
  /** Flowglad's shape: the pricing model, or null while pending or after a failure (`usePricing` tells which). */
  usePricingModel: (options?: PricingOptions<T>) => PricingModelOf<T> | null
  /** @deprecated Flowglad renamed the catalog to the pricing model: use `usePricing` or `usePricingModel`. */
  useCatalog: FlowgladHooks<T>['usePricingModel']
  /** Subscriptions (current ones, or all with `includeHistorical`). */
  useSubscriptions: (
    params?: { includeHistorical?: boolean },
    options?: DerivedOptions<T>,
  ) => SubscriptionsState<T>
  /** The current subscription with cancel, uncancel and adjust. */
  useSubscription: (options?: DerivedOptions<T>) => SubscriptionState<T>
  /** Toggle features the customer has. */
  useFeatures: (scope?: SubscriptionScope, options?: DerivedOptions<T>) => FeaturesState<Err<T>>
  /** One toggle feature and `hasAccess`. */
  useFeature: (
    slug: FeatureSlug,
    scope?: SubscriptionScope,
    options?: DerivedOptions<T>,
  ) => FeatureState<Err<T>>
  /** Usage meter balances of the current subscriptions. */
  useUsageMeters: (scope?: SubscriptionScope, options?: DerivedOptions<T>) => UsageMetersState<T>
  /** One usage meter's balance, or null. */
  useUsageMeter: (
    slug: UsageMeterSlug,
    scope?: SubscriptionScope,
    options?: DerivedOptions<T>,
  ) => UsageMeterState<T>
  /** Payment methods and the billing portal URL. */
  usePaymentMethods: (options?: DerivedOptions<T>) => PaymentMethodsState<T>
  /** Invoices, cursor-paged like Flowglad's `invoices/list`. */
  useInvoices: (page?: PageParams, options?: DerivedOptions<T>) => InvoicesState<T>
  /** Purchases, cursor-paged, with `hasPurchased(name)`. */
  usePurchases: (page?: PageParams, options?: DerivedOptions<T>) => PurchasesState<T>
  /** The customer as Flowglad's `customerDetails` returns it. */
  useCustomerDetails: (options?: DerivedOptions<T>) => CustomerDetailsState<Err<T>>
  /** Resource usages with claim and release. */
  useResources: (
    options?: FlowgladQueryOptions<FlowgladOutput<T, 'resources', 'list'>, Err<T>>,
  ) => ResourcesState<T>
  /** One resource's usage and claims. */
  useResource: (
    slug: ResourceSlug,
    options?: FlowgladQueryOptions<FlowgladOutput<T, 'resources', 'list'>, Err<T>>,
  ) => ResourceState<T>
  /** Checkout creators (with `autoRedirect`). */
  useCheckouts: () => CheckoutActions<T> & { isPending: boolean; error: Err<T> | null }
  /** The current customer's cached Flowglad data, with the keys of the app's client (`keyPrefix` included). */
  useCustomerCache: () => FlowgladCustomerCache
}
