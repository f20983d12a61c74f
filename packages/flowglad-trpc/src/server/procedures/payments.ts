import { selectPage } from '../../core/billingSelectors'
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
      invoices: selectPage((await scope.billing()).invoices ?? [], (item) => item.invoice.id, input),
    }),
  ),
}

/** Purchase operations. */
export const purchaseOperations = {
  list: defineOperation('customer')(
    paginationInput,
    async ({ scope }, input): Promise<{ purchases: Purchase[] }> => ({
      purchases: selectPage((await scope.billing()).purchases ?? [], (item) => item.id, input),
    }),
  ),
}
