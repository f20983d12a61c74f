'use client'

// The React entry: hooks over the app's own tRPC client and QueryClient. Never imports server
// code or zod schemas (only the zod-free registry and billing helpers from core).

// Flowglad's display helper, for parity with `@flowglad/react`'s exports.
export { humanReadableCurrencyAmount } from '../core/billingCurrency'
export {
  type ClassicHooksOptions,
  createFlowgladHooks,
  type FlowgladHooksOptions,
  type OptionsProxySource,
} from './createFlowgladHooks'
export { FlowgladCustomerBoundary, type FlowgladCustomerBoundaryProps } from './FlowgladCustomerBoundary'
export type { FlowgladCustomerCache, FlowgladHooks } from './FlowgladHooks'
export type {
  AutoRedirect,
  BillingActions,
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
  QueryStatus,
  ResourceState,
  ResourcesState,
  SubscriptionState,
  SubscriptionsState,
  UsageMeterState,
  UsageMetersState,
} from './hookResults'
export {
  type FlowgladCacheTarget,
  type FlowgladPathOption,
  type FlowgladRouterKeys,
  isCustomerQuery,
  removeFlowgladCustomer,
  resetFlowgladCustomer,
} from './resetFlowgladCustomer'
export type {
  FlowgladError,
  FlowgladInput,
  FlowgladOutput,
  FlowgladQueryOptions,
  FlowgladTypes,
  PricingModelOf,
  RouterFlowgladTypes,
  SubRouterFlowgladTypes,
  WithTypedSlugs,
} from './routerTypes'
