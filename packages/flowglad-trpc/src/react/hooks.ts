import { useBillingHook } from './useBilling'
import {
  useCustomerDetailsHook,
  useInvoicesHook,
  usePaymentMethodsHook,
  usePurchasesHook,
} from './useBillingLists'
import { useCheckoutsHook } from './useCheckouts'
import { useCustomerCacheHook } from './useCustomerCache'
import { useFeatureHook, useFeaturesHook } from './useFeatures'
import { usePricingHook, usePricingModelHook } from './usePricing'
import { useResourceHook, useResourcesHook } from './useResources'
import { useSubscriptionHook, useSubscriptionsHook } from './useSubscriptions'
import { useUsageMeterHook, useUsageMetersHook } from './useUsageMeters'

// The hook registry: the one list `createFlowgladHooks` binds at runtime and `FlowgladHooks<T>`
// maps at the type level. Adding a hook is a file exporting a `defineHook` entry plus one line
// here; the doc comment of a line is what users see on the hook.

/** Every hook `createFlowgladHooks` returns, by public name. */
export const flowgladHooks = {
  /** Billing with helpers and actions; fetched only once a component uses it. */
  useBilling: useBillingHook,
  /** The default pricing model (public, works signed out) with its query status: loading and error included. */
  usePricing: usePricingHook,
  /** Flowglad's shape: the pricing model, or null while pending or after a failure (`usePricing` tells which). */
  usePricingModel: usePricingModelHook,
  /** Subscriptions (current ones, or all with `includeHistorical`). */
  useSubscriptions: useSubscriptionsHook,
  /** The current subscription with cancel, uncancel and adjust. */
  useSubscription: useSubscriptionHook,
  /** Toggle features the customer has. */
  useFeatures: useFeaturesHook,
  /** One toggle feature and `hasAccess`. */
  useFeature: useFeatureHook,
  /** Usage meter balances of the current subscriptions. */
  useUsageMeters: useUsageMetersHook,
  /** One usage meter's balance, or null. */
  useUsageMeter: useUsageMeterHook,
  /** Payment methods and the billing portal URL. */
  usePaymentMethods: usePaymentMethodsHook,
  /** Invoices, cursor-paged like Flowglad's `invoices/list`. */
  useInvoices: useInvoicesHook,
  /** Purchases, cursor-paged, with `hasPurchased(name)`. */
  usePurchases: usePurchasesHook,
  /** The customer as Flowglad's `customerDetails` returns it. */
  useCustomerDetails: useCustomerDetailsHook,
  /** Resource usages with claim and release. */
  useResources: useResourcesHook,
  /** One resource's usage and claims. */
  useResource: useResourceHook,
  /** Checkout creators (with `autoRedirect`). */
  useCheckouts: useCheckoutsHook,
  /** The current customer's cached Flowglad data, with the keys of the app's client (`keyPrefix` included). */
  useCustomerCache: useCustomerCacheHook,
} as const
