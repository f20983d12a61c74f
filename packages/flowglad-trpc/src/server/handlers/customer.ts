import { flowgladActions } from '../../core/actions'
import { type CustomerDetails, selectCustomerDetails } from '../../core/billingSelectors'
import { emptyInput, updateCustomerInput } from '../../core/inputs'
import { defineHandler } from '../engine/defineHandler'
import type { CustomerRecord } from '../types'

/** Customer handlers. */
export const customerHandlers = {
  get: defineHandler(flowgladActions.customer.get)(
    emptyInput,
    async ({ scope }): Promise<{ customer: CustomerDetails }> => ({
      customer: selectCustomerDetails((await scope.billing()).customer),
    }),
  ),
  findOrCreate: defineHandler(flowgladActions.customer.findOrCreate)(
    emptyInput,
    async ({ runtime, scope, budget }): Promise<{ customer: CustomerRecord }> => ({
      customer: await runtime.customers.findOrCreate(scope.customer, budget),
    }),
  ),
  update: defineHandler(flowgladActions.customer.update)(
    updateCustomerInput,
    async ({ scope }, input): Promise<{ customer: CustomerRecord }> =>
      // The path is always the resolved customer's: the input cannot name another customer.
      scope.withCustomer((client) => client.customers.update(scope.customer.externalId, { customer: input })),
  ),
  archive: defineHandler(flowgladActions.customer.archive)(
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
