// flowglad-trpc/server: configure Flowglad once, mount its router in your app's tRPC router.
export { createFlowglad, type Flowglad, type ForCustomerOptions } from './createFlowglad'
export {
  type CreateFlowgladRouterOptions,
  createFlowgladRouter,
  type FlowgladBaseProcedure,
  type FlowgladRouter,
  type FlowgladRouterRecord,
} from './createFlowgladRouter'
export type { FlowgladCustomerApi } from './customerApi'
export type { DevEmulatorOptions } from './devEmulator'
export { type CreateFlowgladOptions, FlowgladConfigurationError } from './flowgladRuntime'
export type { CheckoutSessionResult } from './procedures/checkout'
export type { CustomerDetails } from './procedures/customer'
export type { FeatureAccessItem } from './procedures/features'
export type { InvoiceDetails, PaymentMethodsList, Purchase } from './procedures/payments'
export type { DefaultPricingModel, ResolvedPricingModel } from './procedures/pricing'
export type { ResourceClaim, ResourceUsage } from './procedures/resources'
export type { SubscriptionsList, UncancelSubscriptionResult } from './procedures/subscriptions'
export type { UsageMeterBalance, UsageMeterBalances } from './procedures/usage'
export type {
  AdjustSubscriptionResult,
  CancelSubscriptionResult,
  ClaimResourceResult,
  CreateUsageEventResult,
  CustomerBilling,
  CustomerRecord,
  FlowgladCustomer,
  FlowgladLogger,
  PricingModel,
  ReleaseResourceResult,
  ResourceUsageDetails,
  SubscriptionDetails,
} from './types'
