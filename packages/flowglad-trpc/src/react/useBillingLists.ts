import { useCallback } from 'react'
import { type PageParams, selectCustomerDetails, selectPage } from '../core/billingSelectors'
import type { CustomerBilling } from '../core/billingTypes'
import type { CustomerDetails } from '../core/index'
import { defineHook, type HookSignature, type TypesOf } from './defineHook'
import type { DerivedOptions, QueryStatus } from './hookResults'
import { type HooksContext, type LooseQueryOptions, queryStatus, useBillingQuery } from './hooksContext'
import type { At, CustomerBillingOf, FlowgladError, FlowgladTypes } from './routerTypes'

/** `usePaymentMethods()`. */
export interface PaymentMethodsState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  paymentMethods: At<CustomerBillingOf<T>, 'paymentMethods'> | undefined
  billingPortalUrl: string | null | undefined
}
/** `useInvoices()`. */
export interface InvoicesState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  invoices: At<CustomerBillingOf<T>, 'invoices'> | undefined
}
/** `usePurchases()`; `hasPurchased` matches a purchase's name, as Flowglad's hook does. */
export interface PurchasesState<T extends FlowgladTypes> extends QueryStatus<FlowgladError<T>> {
  purchases: At<CustomerBillingOf<T>, 'purchases'> | undefined
  hasPurchased: (purchaseName: string) => boolean
}
/** `useCustomerDetails()`. */
export interface CustomerDetailsState<TError> extends QueryStatus<TError> {
  customer: CustomerDetails | undefined
}

const selectPaymentMethods = (billing: CustomerBilling) => ({
  paymentMethods: billing.paymentMethods ?? [],
  billingPortalUrl: billing.billingPortalUrl ?? null,
})
const selectCustomer = (billing: CustomerBilling) => selectCustomerDetails(billing.customer)

/** `usePaymentMethods(options?)`: payment methods and the billing portal URL, from billing. */
export function usePaymentMethods(ctx: HooksContext, options?: LooseQueryOptions) {
  const query = useBillingQuery(ctx, options, selectPaymentMethods)
  return {
    ...queryStatus(query),
    paymentMethods: query.data?.paymentMethods,
    billingPortalUrl: query.data?.billingPortalUrl,
  }
}

/** `useInvoices(page?, options?)`: invoices with Flowglad's cursor paging, from billing. */
export function useInvoices(ctx: HooksContext, page?: PageParams, options?: LooseQueryOptions) {
  const { limit, startingAfter } = page ?? {}
  const select = useCallback(
    (billing: CustomerBilling) =>
      selectPage(billing.invoices, (item) => item.invoice.id, { limit, startingAfter }),
    [limit, startingAfter],
  )
  const query = useBillingQuery(ctx, options, select)
  return { ...queryStatus(query), invoices: query.data }
}

/** `usePurchases(page?, options?)`: purchases with cursor paging; `hasPurchased` matches by name. */
export function usePurchases(ctx: HooksContext, page?: PageParams, options?: LooseQueryOptions) {
  const { limit, startingAfter } = page ?? {}
  const select = useCallback(
    (billing: CustomerBilling) =>
      selectPage(billing.purchases, (purchase) => purchase.id, { limit, startingAfter }),
    [limit, startingAfter],
  )
  const query = useBillingQuery(ctx, options, select)
  const purchases = query.data
  // Flowglad's `usePurchases` matches the purchase name (billing's `hasPurchased` takes a product slug).
  const hasPurchased = (name: string) => purchases?.some((purchase) => purchase.name === name) ?? false
  return { ...queryStatus(query), purchases, hasPurchased }
}

/** `useCustomerDetails(options?)`: Flowglad's `CustomerDetails` (ISO timestamps), from billing. */
export function useCustomerDetails(ctx: HooksContext, options?: LooseQueryOptions) {
  const query = useBillingQuery(ctx, options, selectCustomer)
  return { ...queryStatus(query), customer: query.data }
}

/** Public signature of `usePaymentMethods`, for the app's Flowglad types. */
export interface UsePaymentMethods extends HookSignature {
  signature: (options?: DerivedOptions<TypesOf<this>>) => PaymentMethodsState<TypesOf<this>>
}
/** Public signature of `useInvoices`, for the app's Flowglad types. */
export interface UseInvoices extends HookSignature {
  signature: (page?: PageParams, options?: DerivedOptions<TypesOf<this>>) => InvoicesState<TypesOf<this>>
}
/** Public signature of `usePurchases`, for the app's Flowglad types. */
export interface UsePurchases extends HookSignature {
  signature: (page?: PageParams, options?: DerivedOptions<TypesOf<this>>) => PurchasesState<TypesOf<this>>
}
/** Public signature of `useCustomerDetails`, for the app's Flowglad types. */
export interface UseCustomerDetails extends HookSignature {
  signature: (options?: DerivedOptions<TypesOf<this>>) => CustomerDetailsState<FlowgladError<TypesOf<this>>>
}

/** Registry entry of `usePaymentMethods`. */
export const usePaymentMethodsHook = defineHook<UsePaymentMethods>(usePaymentMethods)
/** Registry entry of `useInvoices`. */
export const useInvoicesHook = defineHook<UseInvoices>(useInvoices)
/** Registry entry of `usePurchases`. */
export const usePurchasesHook = defineHook<UsePurchases>(usePurchases)
/** Registry entry of `useCustomerDetails`. */
export const useCustomerDetailsHook = defineHook<UseCustomerDetails>(useCustomerDetails)
