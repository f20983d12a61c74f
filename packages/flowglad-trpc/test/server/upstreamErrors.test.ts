import { TRPCClientError } from '@trpc/client'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFlowglad, getFlowgladErrorData } from '../../src/server'
import { type AppRouter, createTestApp, customerOf, type TestApp, testUser } from '../support/createTestApp'

// Flowglad's real answers (the emulator follows platform/flowglad-next/src, commit 49b3368f: error
// bodies `{ error, code, request_id }`, 409 on a duplicate externalId, 404 for an archived
// customer's externalId, 500 panics on unknown ids), through the app's fetch-adapter handler.

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())
beforeEach(() => {
  app.emulator.control.clearFaults()
  app.emulator.control.clearRequests()
  app.errors.length = 0
})

/** The tRPC error a client call rejected with. */
async function clientError(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof TRPCClientError)) throw new Error(`expected a TRPCClientError, got ${String(error)}`)
  return error as TRPCClientError<AppRouter>
}

describe('messages come from Flowglad’s error body', () => {
  it('a refusal reads as Flowglad’s sentence, never as the raw JSON body', async () => {
    const user = testUser()
    const error = await clientError(
      app.createClient(user).flowglad.checkout.create.mutate({
        priceSlug: 'no_such_price',
        successUrl: 'https://app.test/s',
        cancelUrl: 'https://app.test/c',
      }),
    )
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(error.message).toMatch(/^Invalid priceSlug: Price with slug "no_such_price" not found/)
    expect(error.message).not.toMatch(/[{}]|^\d{3} /)
    // The body's code and request id are kept for support, not shown as text. Flowglad sends this
    // refusal as a 500 (upstreamRefusals.test.ts); the client still gets the BAD_REQUEST it means.
    expect(getFlowgladErrorData(app.errors[0])).toMatchObject({
      status: 500,
      flowgladCode: 'INTERNAL_SERVER_ERROR',
      requestId: expect.any(String),
    })
  })

  it('a Flowglad 500 panic reads as its text, is not repeated, and is BAD_GATEWAY', async () => {
    const user = testUser()
    const client = app.createClient(user)
    await client.flowglad.billing.get.query()
    const fake = 'sub_does_not_exist'
    // Only reachable through the raw client: the router checks ids against the customer's billing.
    const raw = await app.flowglad.client()
    const panic = await raw.subscriptions.retrieve(fake).catch((e: unknown) => e)
    expect(panic).toMatchObject({ status: 500 })
    // Through the router the same kind of panic (an unknown usage meter) is refused before Flowglad.
    app.emulator.control.clearRequests()
    const error = await clientError(
      client.flowglad.usageEvents.create.mutate({ usageMeterSlug: 'no_such_meter' }),
    )
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(error.message).toBe('No usage meter "no_such_meter" in the customer\'s pricing model')
    expect(app.emulator.control.requests({ method: 'POST' })).toEqual([])
  })

  it('an injected 500 with Flowglad’s body is BAD_GATEWAY with its text and one request (reads repeat only 502/503/504)', async () => {
    const user = testUser()
    await app.flowglad.customers.findOrCreate(customerOf(user))
    app.emulator.control.clearRequests()
    const billing = { method: 'GET', path: '/api/v1/customers/' }
    app.emulator.control.injectFault({ match: billing, status: 500, times: 3 })
    const error = await clientError(app.createClient(user).flowglad.billing.get.query())
    expect(error.data?.code).toBe('BAD_GATEWAY')
    expect(error.message).toBe('Injected fault (status 500)')
    expect(app.emulator.control.requests(billing)).toHaveLength(1)
  })
})

describe('customer creation meeting a 409', () => {
  it('fetches the existing customer at once: one POST, never resent', async () => {
    const user = testUser()
    const existing = await app.flowglad.customers.findOrCreate(customerOf(user))
    // Another instance, whose lookup races the creation (its GET answered 404 just before).
    const other = createFlowglad({
      apiKey: app.emulator.apiKey,
      baseURL: app.emulator.url,
      fetch: app.emulator.fetch,
    })
    app.emulator.control.injectFault({
      match: { method: 'GET', path: `/api/v1/customers/${user.id}` },
      status: 404,
      times: 1,
    })
    app.emulator.control.clearRequests()
    const found = await other.customers.findOrCreate(customerOf(user))
    expect(found.id).toBe(existing.id)
    const posts = app.emulator.control.requests({ method: 'POST', path: '/api/v1/customers' })
    expect(posts.map((r) => r.status)).toEqual([409])
  })
})

describe('an archived customer', () => {
  it('is never re-created behind the app’s back: billing.get is NOT_FOUND and sends no POST', async () => {
    const user = testUser()
    const client = app.createClient(user)
    const before = await client.flowglad.billing.get.query()
    await app.flowglad.forCustomer(customerOf(user)).customer.archive()
    app.emulator.control.clearRequests()
    const error = await clientError(client.flowglad.billing.get.query())
    expect(error.data?.code).toBe('NOT_FOUND')
    expect(error.message).toMatch(/archived/)
    expect(app.emulator.control.requests({ method: 'POST' })).toEqual([])
    // Starting over is explicit: findOrCreate makes a new customer (Flowglad frees the externalId).
    const { customer } = await client.flowglad.customer.findOrCreate.mutate()
    expect(customer.id).not.toBe(before.customer.id)
    expect((await client.flowglad.billing.get.query()).customer.id).toBe(customer.id)
  })

  it('with implicit creation off, an unknown customer is NOT_FOUND until findOrCreate', async () => {
    const strict = await createTestApp({
      emulator: app.emulator,
      flowglad: { implicitCustomerCreation: false },
    })
    const user = testUser()
    const client = strict.createClient(user)
    const error = await clientError(client.flowglad.billing.get.query())
    expect(error.data?.code).toBe('NOT_FOUND')
    expect(error.message).toMatch(/customer\.findOrCreate/)
    await client.flowglad.customer.findOrCreate.mutate()
    expect((await client.flowglad.billing.get.query()).customer.externalId).toBe(user.id)
  })
})
