import { flowgladActions } from '../../core/actions'
import { emptyInput } from '../../core/inputs'
import { defineHandler } from '../engine/defineHandler'
import type { CustomerBilling } from '../types'

/** `billing.get`: the raw billing payload, one upstream request for an existing customer. */
export const billingHandlers = {
  get: defineHandler(flowgladActions.billing.get)(
    emptyInput,
    ({ scope }): Promise<CustomerBilling> => scope.billing(),
  ),
}
