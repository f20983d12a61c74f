import { emptyInput } from '../../core/inputs'
import { defineOperation } from '../operation'
import type { CustomerBilling } from '../types'

/** `billing.get`: the raw billing payload, one upstream request for an existing customer. */
export const billingOperations = {
  get: defineOperation('customer')(emptyInput, ({ scope }): Promise<CustomerBilling> => scope.billing()),
}
