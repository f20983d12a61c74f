import { emptyInput, paginationInput } from '../../core/inputs'
import { defineOperation } from '../operation'
import type { CustomerBilling } from '../types'

/** `paymentMethods.list`, shaped like Flowglad's `GetPaymentMethodsResponse`. */
export interface PaymentMethodsList {
  paymentMethods: CustomerBilling['paymentMethods']
  billingPortalUrl: string | null
}

/** One invoice with its line items. */
export type InvoiceDetails = CustomerBilling['invoices'][number]

/** One purchase. */
export type Purchase = CustomerBilling['purchases'][number]

/** Flowglad SDK's cursor pagination: items after `startingAfter` (ignored when unknown), then `limit`. */
function paginate<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  page: { limit?: number | undefined; startingAfter?: string | undefined } | undefined,
): T[] {
  const cursor =
    page?.startingAfter === undefined ? -1 : items.findIndex((item) => idOf(item) === page.startingAfter)
  const after = items.slice(cursor + 1)
  return page?.limit === undefined ? after : after.slice(0, page.limit)
}

/** Payment method operations. */
export const paymentMethodOperations = {
  list: defineOperation('customer')(emptyInput, async ({ scope }): Promise<PaymentMethodsList> => {
    const billing = await scope.billing()
    return {
      paymentMethods: billing.paymentMethods ?? [],
      billingPortalUrl: billing.billingPortalUrl ?? null,
    }
  }),
}

/** Invoice operations. */
export const invoiceOperations = {
  list: defineOperation('customer')(
    paginationInput,
    async ({ scope }, input): Promise<{ invoices: InvoiceDetails[] }> => ({
      invoices: paginate((await scope.billing()).invoices ?? [], (item) => item.invoice.id, input),
    }),
  ),
}

/** Purchase operations. */
export const purchaseOperations = {
  list: defineOperation('customer')(
    paginationInput,
    async ({ scope }, input): Promise<{ purchases: Purchase[] }> => ({
      purchases: paginate((await scope.billing()).purchases ?? [], (item) => item.id, input),
    }),
  ),
}
