import { flowgladActions } from '../../core/actions'
import { selectPage } from '../../core/billingSelectors'
import type { CustomerBilling, Purchase } from '../../core/billingTypes'
import { emptyInput, paginationInput } from '../../core/inputs'
import { defineHandler } from '../engine/defineHandler'

/** `paymentMethods.list`, shaped like Flowglad's `GetPaymentMethodsResponse`. */
export interface PaymentMethodsList {
  paymentMethods: CustomerBilling['paymentMethods']
  billingPortalUrl: string | null
}

/** One invoice with its line items. */
export type InvoiceDetails = CustomerBilling['invoices'][number]

export type { Purchase }

/** Payment method handlers. */
export const paymentMethodHandlers = {
  list: defineHandler(flowgladActions.paymentMethods.list)(
    emptyInput,
    async ({ scope }): Promise<PaymentMethodsList> => {
      const billing = await scope.billing()
      return {
        paymentMethods: billing.paymentMethods ?? [],
        billingPortalUrl: billing.billingPortalUrl ?? null,
      }
    },
  ),
}

/** Invoice handlers. */
export const invoiceHandlers = {
  list: defineHandler(flowgladActions.invoices.list)(
    paginationInput,
    async ({ scope }, input): Promise<{ invoices: InvoiceDetails[] }> => ({
      invoices: selectPage((await scope.billing()).invoices ?? [], (item) => item.invoice.id, input),
    }),
  ),
}

/** Purchase handlers. */
export const purchaseHandlers = {
  list: defineHandler(flowgladActions.purchases.list)(
    paginationInput,
    async ({ scope }, input): Promise<{ purchases: Purchase[] }> => ({
      purchases: selectPage((await scope.billing()).purchases ?? [], (item) => item.id, input),
    }),
  ),
}
