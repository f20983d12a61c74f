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
export type { AutoRedirect, BillingOptions, DerivedOptions, QueryStatus } from './hookResults'
export {
  type FlowgladRouterKeys,
  isCustomerQuery,
  removeFlowgladCustomer,
  resetFlowgladCustomer,
} from './resetFlowgladCustomer'
export type {
  CustomerBillingOf,
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
export type { BillingActions, BillingState } from './useBilling'
export type {
  CustomerDetailsState,
  InvoicesState,
  PaymentMethodsState,
  PurchasesState,
} from './useBillingLists'
export type { CheckoutActions } from './useCheckouts'
export type { FeatureState, FeaturesState } from './useFeatures'
export type { PricingState } from './usePricing'
export type { ResourceState, ResourcesState } from './useResources'
export type { SubscriptionState, SubscriptionsState } from './useSubscriptions'
export type { UsageMeterState, UsageMetersState } from './useUsageMeters'
