// flowglad-trpc/server: configure Flowglad once, mount its router in your app's tRPC router.
// Result types shared with the React hooks are defined once, in core.
export type { CustomerDetails, FeatureAccessItem } from '../core/billingSelectors'
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
export { FlowgladUpstreamError, getFlowgladErrorData } from './FlowgladUpstreamError'
export { type CreateFlowgladOptions, FlowgladConfigurationError } from './flowgladRuntime'
export {
  type CreateFlowgladMiddlewareOptions,
  createFlowgladMiddleware,
  type FlowgladMiddleware,
} from './gates/createFlowgladMiddleware'
export { FlowgladRefusalError, flowgladErrorData } from './gates/FlowgladRefusalError'
export type {
  FlowgladCustomerResolver,
  FlowgladGate,
  GateEvent,
  UnavailablePolicy,
} from './gates/gateContext'
export type { RequireFeatureOptions } from './gates/requireFeature'
export type { SpendOptions } from './gates/spend'
export type { CheckoutSessionResult } from './procedures/checkout'
export type { InvoiceDetails, PaymentMethodsList, Purchase } from './procedures/payments'
export type { DefaultPricingModel, ResolvedPricingModel } from './procedures/pricing'
export type { ResourceClaim, ResourceUsage } from './procedures/resources'
export type { SubscriptionsList, UncancelSubscriptionResult } from './procedures/subscriptions'
export type { UsageMeterBalance, UsageMeterBalances } from './procedures/usage'
export type {
  CommitRequest,
  FlowgladStore,
  LedgerSnapshot,
  ReserveRequest,
  ReserveResult,
} from './store/FlowgladStore'
export { createMemoryStore, type MemoryStoreOptions } from './store/memoryStore'
export {
  createRedisStore,
  type IoRedisLike,
  type NodeRedisLike,
  type RedisStoreOptions,
  StoreTimeoutError,
} from './store/redisStore'
export type {
  AdjustSubscriptionResult,
  BulkCreateUsageEventsResult,
  CancelSubscriptionResult,
  ClaimResourceResult,
  CreateSubscriptionResult,
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
