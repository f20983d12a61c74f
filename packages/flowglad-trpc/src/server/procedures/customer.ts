import { type CustomerDetails, selectCustomerDetails } from '../../core/billingSelectors'
import { emptyInput, updateCustomerInput } from '../../core/inputs'
import { defineOperation } from '../operation'
import type { CustomerRecord } from '../types'

/** Customer operations. */
export const customerOperations = {
  get: defineOperation('customer')(
    emptyInput,
    async ({ scope }): Promise<{ customer: CustomerDetails }> => ({
      customer: selectCustomerDetails((await scope.billing()).customer),
    }),
  ),
  findOrCreate: defineOperation('customer')(
    emptyInput,
    async ({ runtime, scope }): Promise<{ customer: CustomerRecord }> => ({
      customer: await runtime.customers.findOrCreate(scope.customer),
    }),
  ),
  update: defineOperation('customer')(
    updateCustomerInput,
    async ({ scope }, input): Promise<{ customer: CustomerRecord }> =>
      // The path is always the resolved customer's: the input cannot name another customer.
      scope.withCustomer((client) => client.customers.update(scope.customer.externalId, { customer: input })),
  ),
}
