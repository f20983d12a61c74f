import { isUpstreamStatus } from './normalizeError'
import { createSingleFlight } from './singleFlight'
import type { CustomerRecord, FlowgladClient, FlowgladCustomer } from './types'

/** Finds and creates upstream customers; creation is single-flight per external id. */
export interface CustomerDirectory {
  /** Creates the customer (once, however many callers race); an existing one is fetched instead. */
  create(customer: FlowgladCustomer): Promise<CustomerRecord>
  /** Fetches the customer, creating it when Flowglad does not know it yet. */
  findOrCreate(customer: FlowgladCustomer): Promise<CustomerRecord>
}

/** Builds the customer directory over a lazily created client. */
export function createCustomerDirectory(client: () => Promise<FlowgladClient>): CustomerDirectory {
  const creating = createSingleFlight<string, CustomerRecord>()

  const create = (customer: FlowgladCustomer) =>
    creating.run(customer.externalId, async () => {
      const flowglad = await client()
      try {
        const created = await flowglad.customers.create({
          customer: { externalId: customer.externalId, email: customer.email, name: customer.name ?? '' },
        })
        return created.data.customer
      } catch (error) {
        // Another process (or an earlier request) may have created it between our read and this
        // write: Flowglad answers 409 or 400 ("already exists"). If it exists now, that is success.
        if (!isUpstreamStatus(error, 409) && !isUpstreamStatus(error, 400)) throw error
        const existing = await flowglad.customers.retrieve(customer.externalId).catch(() => undefined)
        if (!existing) throw error
        return existing.customer
      }
    })

  return {
    create,
    async findOrCreate(customer) {
      const flowglad = await client()
      try {
        return (await flowglad.customers.retrieve(customer.externalId)).customer
      } catch (error) {
        if (!isUpstreamStatus(error, 404)) throw error
        return create(customer)
      }
    },
  }
}
