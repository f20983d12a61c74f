import type { EmulatorStore } from '../EmulatorStore'
import { notFound } from '../FlowgladApiError'
import type { CustomerRecord, PaymentMethodRecord } from '../records'
import { updateRecord } from '../updateRecord'

/**
 * Makes one of the customer's cards the default, as Flowglad's billing portal does
 * (`utils/bookkeeping/customerBilling.ts` `setDefaultPaymentMethodForCustomer`): the others stop
 * being default and the customer's current subscriptions are charged to it from now on.
 */
export function setDefaultPaymentMethod(
  store: EmulatorStore,
  customer: CustomerRecord,
  paymentMethodId: string,
): PaymentMethodRecord {
  const cards = store.data.paymentMethods.filter((pm) => pm.customerId === customer.id)
  const chosen = cards.find((pm) => pm.id === paymentMethodId)
  if (!chosen) throw notFound('Payment method', paymentMethodId)
  const now = store.now()
  for (const card of cards)
    if (card.default !== (card === chosen)) updateRecord(card, { default: card === chosen, updatedAt: now })
  for (const subscription of store.data.subscriptions)
    if (subscription.customerId === customer.id && subscription.current)
      updateRecord(subscription, { defaultPaymentMethodId: chosen.id, updatedAt: now })
  store.changed()
  return chosen
}
