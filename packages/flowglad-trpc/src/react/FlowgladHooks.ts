import type { AnyTRPCRouter } from '@trpc/server'
import type { PageParams, SubscriptionScope } from '../core/index'
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
  PurchasesState,
  ResourceState,
  ResourcesState,
  SubscriptionState,
  SubscriptionsState,
  UsageMeterState,
  UsageMetersState,
} from './hookResults'
import type { FlowgladError, FlowgladOutput, FlowgladQueryOptions, PricingModelOf } from './routerTypes'

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
