import { randomUUID } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { serverActionPaths } from '../../src/core/actions'
import { createTestApp, customerOf, type TestApp, type TestUser, testUser } from '../support/createTestApp'
import { existingCustomer as scenarioCustomer, upstreamLog } from '../support/upstreamScenarios'

// Flowglad's server-only methods (createSubscription, bulkCreateUsageEvents, archiveCustomer): on
// `forCustomer(...)`, never on the router. Their request counts against the SDK's are in the shared
// scenario table (upstreamCalls.test.ts); here: effects, ownership, bad input, reachability.
let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())
beforeEach(() => app.emulator.control.clearRequests())

const log = () => upstreamLog(app)

/** A user whose customer exists upstream (with its default free subscription), log cleared. */
async function existingCustomer(): Promise<TestUser> {
  const { user } = await scenarioCustomer(app)
  app.emulator.control.clearRequests()
  return user
}

const apiCallsBalance = async (user: TestUser) =>
  (await app.flowglad.forCustomer(customerOf(user)).usageMeters.balances()).usageMeterBalances.find(
    (meter) => meter.slug === 'api_calls',
  )?.availableBalance

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )

describe('server-only actions are not procedures', () => {
  it.each(serverActionPaths)('%s is absent from the router and unreachable over HTTP', async (path) => {
    expect(Object.keys(app.appRouter._def.procedures)).not.toContain(`flowglad.${path}`)
    const response = await app.handle(
      new Request(`http://app.test/api/trpc/flowglad.${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"json":{}}',
      }),
      testUser(),
    )
    expect(response.status).toBe(404)
    expect(app.emulator.control.requests()).toEqual([])
  })
})

describe('subscriptions.create (Flowglad SDK: createSubscription, route 501)', () => {
  it('subscribes the scoped customer, quantity defaulting to 1', async () => {
    const user = await existingCustomer()
    const { subscription } = await app.flowglad
      .forCustomer(customerOf(user))
      .subscriptions.create({ priceSlug: 'pro_monthly' })
    const billing = await app.flowglad.forCustomer(customerOf(user)).billing.get()
    const created = billing.subscriptions.find((s) => s.id === subscription.id)
    expect(created?.customerId).toBe(billing.customer.id)
    expect(created?.subscriptionItems.map((item) => item.quantity)).toEqual([1])
  })

  it('creates a customer Flowglad does not know yet, then subscribes it', async () => {
    const user = testUser()
    const { subscription } = await app.flowglad
      .forCustomer(customerOf(user))
      .subscriptions.create({ priceSlug: 'pro_monthly', quantity: 2 })
    // Looked up first: the subscription POST is sent once, never resent after a failure.
    expect(log()).toEqual([
      'GET /api/v1/customers/:id',
      'POST /api/v1/customers',
      'POST /api/v1/subscriptions',
    ])
    const billing = await app.flowglad.forCustomer(customerOf(user)).billing.get()
    expect(billing.customer.externalId).toBe(user.id)
    expect(billing.subscriptions.some((s) => s.id === subscription.id)).toBe(true)
  })

  it.each([
    ['both priceId and priceSlug', { priceId: 'price_x', priceSlug: 'pro_monthly' }],
    ['no price', {}],
    ['a customerId (the customer comes from forCustomer)', { priceSlug: 'pro_monthly', customerId: 'cus_x' }],
    ['a non-ISO startDate', { priceSlug: 'pro_monthly', startDate: 'tomorrow' }],
  ])('rejects %s as BAD_REQUEST with zero upstream requests', async (_name, input) => {
    const user = await existingCustomer()
    const error = await errorOf(
      app.flowglad.forCustomer(customerOf(user)).subscriptions.create(input as never),
    )
    expect(error).toBeInstanceOf(TRPCError)
    expect((error as TRPCError).code).toBe('BAD_REQUEST')
    expect(log()).toEqual([])
  })
})

describe('usageEvents.bulkCreate (Flowglad SDK: bulkCreateUsageEvents)', () => {
  it("records every event against the customer's meter", async () => {
    const user = await existingCustomer()
    const api = app.flowglad.forCustomer(customerOf(user))
    const before = await apiCallsBalance(user)
    const subscriptionId = (await api.subscriptions.list()).currentSubscription?.id ?? ''
    const event = (amount: number) => ({
      usageMeterSlug: 'api_calls',
      amount,
      subscriptionId,
      transactionId: randomUUID(),
    })
    const { usageEvents } = await api.usageEvents.bulkCreate({ usageEvents: [event(3), event(4)] })
    expect(usageEvents.map((e) => e.amount)).toEqual([3, 4])
    expect(await apiCallsBalance(user)).toBe((before ?? 0) - 7)
  })

  it("is FORBIDDEN when any event names another customer's subscription, and records none", async () => {
    const user = await existingCustomer()
    const other = await existingCustomer()
    const own = (await app.flowglad.forCustomer(customerOf(user)).subscriptions.list()).currentSubscription
    const foreign = (await app.flowglad.forCustomer(customerOf(other)).subscriptions.list())
      .currentSubscription
    const before = await apiCallsBalance(user)
    app.emulator.control.clearRequests()
    const error = await errorOf(
      app.flowglad.forCustomer(customerOf(user)).usageEvents.bulkCreate({
        usageEvents: [own, foreign].map((subscription) => ({
          usageMeterSlug: 'api_calls',
          amount: 1,
          subscriptionId: subscription?.id ?? '',
          transactionId: randomUUID(),
        })),
      }),
    )
    expect((error as TRPCError).code).toBe('FORBIDDEN')
    expect((error as TRPCError).message).toBe(
      `Subscription ${foreign?.id} is not found among the customer's current subscriptions`,
    )
    expect(log()).toEqual(['GET /api/v1/customers/:id/billing'])
    expect(await apiCallsBalance(user)).toBe(before)
  })

  it.each([
    ['an empty list', { usageEvents: [] }],
    [
      'an event without transactionId (no defaults in bulk, as in Flowglad)',
      { usageEvents: [{ usageMeterSlug: 'api_calls', amount: 1, subscriptionId: 'sub_x' }] },
    ],
    [
      'an event with two meter identifiers',
      {
        usageEvents: [
          { usageMeterSlug: 'a', priceSlug: 'b', amount: 1, subscriptionId: 'sub_x', transactionId: 't' },
        ],
      },
    ],
  ])('rejects %s as BAD_REQUEST with zero upstream requests', async (_name, input) => {
    const user = await existingCustomer()
    const error = await errorOf(
      app.flowglad.forCustomer(customerOf(user)).usageEvents.bulkCreate(input as never),
    )
    expect((error as TRPCError).code).toBe('BAD_REQUEST')
    expect(log()).toEqual([])
  })
})

describe('customer.archive (Flowglad SDK: archiveCustomer)', () => {
  it('archives the scoped customer', async () => {
    const user = await existingCustomer()
    const { customer } = await app.flowglad.forCustomer(customerOf(user)).customer.archive()
    expect(customer.externalId).toBe(user.id)
    expect(customer.archived).toBe(true)
  })

  it('URL-encodes the external id', async () => {
    const user = { ...testUser(), id: `org/${randomUUID()}` }
    await app.flowglad.customers.findOrCreate(customerOf(user))
    app.emulator.control.clearRequests()
    const { customer } = await app.flowglad.forCustomer(customerOf(user)).customer.archive()
    expect(customer.externalId).toBe(user.id)
    expect(app.emulator.control.requests().map((r) => r.path)).toEqual([
      `/api/v1/customers/${encodeURIComponent(user.id)}/archive`,
    ])
  })

  it('is NOT_FOUND for a customer Flowglad does not know, and creates none', async () => {
    const error = await errorOf(app.flowglad.forCustomer(customerOf(testUser())).customer.archive())
    expect((error as TRPCError).code).toBe('NOT_FOUND')
    expect(log()).toEqual(['POST /api/v1/customers/:id/archive'])
  })
})
