import { ConflictError, NotFoundError } from '@flowglad/node'
import { describe, expect } from 'vitest'
import { bodyOf, caught, conformanceTest, useConformanceTarget } from '../support/conformanceSuite'

/** Customers: `customersRouter`, the db-core customers unique index. */
const flowglad = useConformanceTarget()

describe('customers (customersRouter, db-core customers unique index)', () => {
  conformanceTest('a second live customer with the same externalId is 409 CONFLICT', async () => {
    const { externalId } = await flowglad.signUp('dup')
    const error = await caught(
      flowglad.client.customers.create({ customer: { externalId, email: 'dup@example.com', name: 'Dup' } }),
    )
    expect(error).toBeInstanceOf(ConflictError)
    expect(bodyOf(error)).toMatchObject({
      code: 'CONFLICT',
      error: 'This pricing model id external id unique idx already exists. Please choose a different value.',
    })
  })

  conformanceTest(
    'archive needs a JSON body, is idempotent, hides the externalId from lookups and frees it',
    async () => {
      const first = await flowglad.signUp('archive')
      const path = `/api/v1/customers/${first.externalId}/archive`
      expect(bodyOf(await caught(flowglad.client.post(path)))).toMatchObject({
        error: 'Invalid JSON in request body',
      })
      type Archived = { customer: { id: string; archived: boolean } }
      const archived = await flowglad.client.post<Archived>(path, { body: {} })
      expect(archived.customer).toMatchObject({ id: first.customer.id, archived: true })
      const again = await flowglad.client.post<Archived>(path, { body: {} })
      expect(again.customer).toMatchObject({ id: first.customer.id, archived: true })
      const lookup = await caught(flowglad.client.customers.retrieve(first.externalId))
      expect(lookup).toBeInstanceOf(NotFoundError)
      expect(bodyOf(lookup)).toMatchObject({
        error: `Customer with externalId ${first.externalId} not found`,
      })
      expect(await caught(flowglad.client.customers.retrieveBilling(first.externalId))).toBeInstanceOf(
        NotFoundError,
      )
      const { data } = await flowglad.client.customers.create({
        customer: { externalId: first.externalId, email: 'again@example.com', name: 'Again' },
      })
      expect(data.customer.id).not.toBe(first.customer.id)
    },
  )
})

describe('sign-up and updates (createCustomerBookkeeping, updateCustomer)', () => {
  conformanceTest(
    'sign-up subscribes the customer to the default free plan, active and current',
    async () => {
      const { subscription } = await flowglad.signUp('signup')
      expect(subscription).toMatchObject({
        status: 'active',
        current: true,
        isFreePlan: true,
        priceId: flowglad.price('free_monthly').id,
      })
    },
  )

  conformanceTest('an update changes the stored customer', async () => {
    const { externalId } = await flowglad.signUp('update')
    await flowglad.client.customers.update(externalId, { customer: { name: 'Renamed' } })
    const { customer } = await flowglad.client.customers.retrieve(externalId)
    expect(customer).toMatchObject({ externalId, name: 'Renamed' })
  })
})
