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
  archive: defineOperation('server')(
    emptyInput,
    async ({ runtime, scope }): Promise<{ customer: CustomerRecord }> => {
      const client = await scope.client()
      // No lazy creation: archiving a customer Flowglad does not know is NOT_FOUND, not a create.
      // @flowglad/node 0.29 has no method for this endpoint; Flowglad's SDK calls it raw as well.
      const archived: { customer: CustomerRecord } = await client.post(
        `/api/v1/customers/${encodeURIComponent(scope.customer.externalId)}/archive`,
        { body: {} },
      )
      // Flowglad answers 404 for it from now on and would accept its externalId for a new customer:
      // remember it, so no read or write re-creates it behind the app's back.
      runtime.customers.markArchived(scope.customer.externalId)
      return archived
    },
  ),
}
