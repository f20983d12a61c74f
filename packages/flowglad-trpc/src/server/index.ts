// flowglad-trpc/server: configure Flowglad once, mount its router in your app's tRPC router.
// Result types shared with the React hooks are defined once, in core.
export type { CustomerDetails, FeatureAccessItem } from '../core/billingSelectors'
export { type CreateFlowgladOptions, FlowgladConfigurationError } from './engine/flowgladRuntime'
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
export type { CheckoutSessionResult } from './handlers/checkout'
export type { InvoiceDetails, PaymentMethodsList, Purchase } from './handlers/payments'
export type { DefaultPricingModel, ResolvedPricingModel } from './handlers/pricing'
export type { ResourceClaim, ResourceUsage } from './handlers/resources'
export type { SubscriptionsList, UncancelSubscriptionResult } from './handlers/subscriptions'
export type { UsageMeterBalance, UsageMeterBalances } from './handlers/usage'
export { createFlowglad, type Flowglad, type ForCustomerOptions } from './router/createFlowglad'
export {
  type CreateFlowgladRouterOptions,
  createFlowgladRouter,
  type FlowgladBaseProcedure,
  type FlowgladRouter,
  type FlowgladRouterRecord,
} from './router/createFlowgladRouter'
export type { FlowgladCustomerApi } from './router/customerApi'
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
export type { DevEmulatorOptions } from './upstream/devEmulator'
export { FlowgladUpstreamError, getFlowgladErrorData } from './upstream/FlowgladUpstreamError'
