// flowglad-trpc/rsc: for React Server Components. Prefetch Flowglad queries so the client hooks
// start hydrated, and gate on billing on the server without a client round trip.
// Not 'use client': this entry runs on the server only.

export {
  checkFeatureAccess,
  checkUsageBalance,
  getPrice,
  getProduct,
  hasPurchased,
  withBillingHelpers,
} from '../core/billingHelpers'
export type { BillingHelpers, BillingWithChecks } from '../core/billingTypes'
export {
  type OptionsProxyTarget,
  type PrefetchFlowgladOptions,
  type PrefetchTarget,
  prefetchFlowglad,
} from './prefetchFlowglad'
