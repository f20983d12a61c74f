import { emptyInput, updateCustomerInput } from '../../core/inputs'
import { defineOperation } from '../operation'
import type { CustomerRecord } from '../types'

/** The customer as Flowglad's SDK exposes it (`GetCustomerDetailsResponse`): ISO timestamps, nulls not undefined. */
export interface CustomerDetails {
  id: string
  livemode: boolean
  email: string
  name: string | null
  externalId: string | null
  createdAt: string
  updatedAt: string
}

const toIso = (value: number | string | null | undefined): string => new Date(value ?? 0).toISOString()

/** Picks the `CustomerDetails` fields from a customer record. */
export function toCustomerDetails(customer: CustomerRecord): CustomerDetails {
  return {
    id: customer.id,
    livemode: customer.livemode,
    email: customer.email,
    name: customer.name ?? null,
    externalId: customer.externalId ?? null,
    createdAt: toIso(customer.createdAt),
    updatedAt: toIso(customer.updatedAt),
  }
}

/** Customer operations. */
export const customerOperations = {
  get: defineOperation('customer')(
    emptyInput,
    async ({ scope }): Promise<{ customer: CustomerDetails }> => ({
      customer: toCustomerDetails((await scope.billing()).customer),
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
