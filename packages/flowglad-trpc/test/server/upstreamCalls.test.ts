import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, customerOf, type TestApp, type TestUser, testUser } from '../support/createTestApp'

// Every figure here is counted in the emulator's request log: real @flowglad/node requests.
let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())

const log = () =>
  app.emulator.control.requests().map((r) => `${r.method} ${r.path.replace(/\/(user|sub)_\w+/g, '/:id')}`)

/** A user whose customer already exists upstream, with the request log cleared. */
async function existingCustomer(): Promise<TestUser> {
  const user = testUser()
  await app.flowglad.customers.findOrCreate(customerOf(user))
  app.emulator.control.clearRequests()
  return user
}

describe('upstream requests', () => {
  it('billing.get for an existing customer: 1 (Flowglad SDK: 2)', async () => {
    const user = await existingCustomer()
    await app.createCaller(user).flowglad.billing.get()
    expect(log()).toEqual(['GET /api/v1/customers/:id/billing'])
  })

  it('a new customer is created once, even when several first requests arrive together', async () => {
    const user = testUser()
    app.emulator.control.clearRequests()
    const client = app.createClient(user)
    await Promise.all([
      // One HTTP batch plus separate requests and callers (different contexts).
      client.flowglad.billing.get.query(),
      client.flowglad.features.access.query(),
      app.createCaller(user).flowglad.customer.get(),
      app.createCaller(user).flowglad.subscriptions.list(),
      app.createClient(user).flowglad.checkout.create.mutate({
        priceSlug: 'pro_monthly',
        successUrl: 'https://a.test/s',
        cancelUrl: 'https://a.test/c',
      }),
    ])
    expect(log().filter((entry) => entry === 'POST /api/v1/customers')).toHaveLength(1)
  })

  it('all billing-derived reads in one HTTP batch: 1 in total (Flowglad SDK: 16)', async () => {
    const user = await existingCustomer()
    const client = app.createClient(user)
    await Promise.all([
      client.flowglad.billing.get.query(),
      client.flowglad.subscriptions.list.query(),
      client.flowglad.features.access.query(),
      client.flowglad.paymentMethods.list.query(),
      client.flowglad.invoices.list.query(),
      client.flowglad.purchases.list.query(),
      client.flowglad.customer.get.query(),
      client.flowglad.pricing.get.query(),
      client.flowglad.usageMeters.balances.query(),
    ])
    expect(log()).toEqual(['GET /api/v1/customers/:id/billing'])
  })

  it('sequential reads on one caller (one ctx, e.g. a server component) share one fetch', async () => {
    const caller = app.createCaller(await existingCustomer())
    await caller.flowglad.billing.get()
    await caller.flowglad.subscriptions.list()
    await caller.flowglad.features.access()
    await caller.flowglad.customer.get()
    expect(log()).toEqual(['GET /api/v1/customers/:id/billing'])
  })

  it('separate requests do not share a memo: each HTTP request reads fresh billing', async () => {
    const user = await existingCustomer()
    await app.createClient(user).flowglad.billing.get.query()
    await app.createClient(user).flowglad.billing.get.query()
    expect(log()).toHaveLength(2)
  })

  it('a mutation drops the memo, so later reads in the same request see fresh data', async () => {
    const caller = app.createCaller(await existingCustomer())
    const before = await caller.flowglad.usageMeters.balances()
    await caller.flowglad.usageEvents.create({ usageMeterSlug: 'api_calls', amount: 7 })
    const after = await caller.flowglad.usageMeters.balances()
    const balance = (b: typeof before) =>
      b.usageMeterBalances.find((m) => m.slug === 'api_calls')?.availableBalance
    expect(balance(after)).toBe((balance(before) ?? 0) - 7)
    expect(log()).toEqual([
      'GET /api/v1/customers/:id/billing',
      'POST /api/v1/usage-events',
      'GET /api/v1/customers/:id/billing',
    ])
  })

  it.each([
    [
      'cancel',
      (c: ReturnType<TestApp['createCaller']>) =>
        c.flowglad.subscriptions.cancel({ cancellation: { timing: 'at_end_of_current_billing_period' } }),
      'cancel',
    ],
    [
      'adjust',
      (c: ReturnType<TestApp['createCaller']>) =>
        c.flowglad.subscriptions.adjust({ priceSlug: 'pro_monthly' }),
      'adjust',
    ],
  ])('subscriptions.%s with the ownership check: 2 (Flowglad SDK: 3 to 5)', async (_name, call, verb) => {
    const caller = app.createCaller(await existingCustomer())
    await call(caller)
    expect(log()).toEqual(['GET /api/v1/customers/:id/billing', `POST /api/v1/subscriptions/:id/${verb}`])
  })

  it('subscriptions.uncancel with the ownership check: 2 (Flowglad SDK: 2 to 3)', async () => {
    const user = await existingCustomer()
    await app.createCaller(user).flowglad.subscriptions.cancel({
      cancellation: { timing: 'at_end_of_current_billing_period' },
    })
    app.emulator.control.clearRequests()
    await app.createCaller(user).flowglad.subscriptions.uncancel({})
    expect(log()).toEqual(['GET /api/v1/customers/:id/billing', 'POST /api/v1/subscriptions/:id/uncancel'])
  })

  it('usage events and resource claims: 2 each (billing for ownership + the write)', async () => {
    const user = await existingCustomer()
    await app.createCaller(user).flowglad.usageEvents.create({ usageMeterSlug: 'api_calls' })
    await app.createCaller(user).flowglad.resources.claim({ resourceSlug: 'seats', quantity: 1 })
    expect(log()).toEqual([
      'GET /api/v1/customers/:id/billing',
      'POST /api/v1/usage-events',
      'GET /api/v1/customers/:id/billing',
      'POST /api/v1/resource-claims/:id/claim',
    ])
  })
})

describe('default pricing model cache', () => {
  it('200 concurrent cold calls cost 1 upstream request, and warm calls none', async () => {
    const cold = await createTestApp({ emulator: app.emulator })
    app.emulator.control.clearRequests()
    const results = await Promise.all(
      Array.from({ length: 200 }, () => cold.createCaller(null).flowglad.pricing.default()),
    )
    expect(new Set(results.map((r) => r.pricingModel.id)).size).toBe(1)
    await cold.createCaller(null).flowglad.pricing.default()
    expect(log()).toEqual(['GET /api/v1/pricing-models/default'])
  })

  it('refetches once the TTL has passed', async () => {
    const short = await createTestApp({ emulator: app.emulator, flowglad: { pricingCacheTtlMs: 0 } })
    app.emulator.control.clearRequests()
    await short.createCaller(null).flowglad.pricing.default()
    await short.createCaller(null).flowglad.pricing.default()
    expect(log()).toEqual(['GET /api/v1/pricing-models/default', 'GET /api/v1/pricing-models/default'])
  })

  it('pricing.get for a signed-out caller reuses the cached default model', async () => {
    const warm = await createTestApp({ emulator: app.emulator })
    await warm.createCaller(null).flowglad.pricing.default()
    app.emulator.control.clearRequests()
    expect((await warm.createCaller(null).flowglad.pricing.get()).source).toBe('default')
    expect(log()).toEqual([])
  })
})
