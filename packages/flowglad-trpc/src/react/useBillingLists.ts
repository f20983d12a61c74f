import { useCallback } from 'react'
import { type PageParams, selectCustomerDetails, selectPage } from '../core/billingSelectors'
import type { FlowgladBilling } from '../core/billingTypes'
import { type HooksContext, type LooseQueryOptions, queryStatus, useBillingQuery } from './hooksContext'

const selectPaymentMethods = (billing: FlowgladBilling) => ({
  paymentMethods: billing.paymentMethods ?? [],
  billingPortalUrl: billing.billingPortalUrl ?? null,
})
const selectCustomer = (billing: FlowgladBilling) => selectCustomerDetails(billing.customer)

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
    (billing: FlowgladBilling) =>
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
    (billing: FlowgladBilling) =>
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
