import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp, type TestUser, testUser } from '../support/createTestApp'
import {
  existingCustomer as scenarioCustomer,
  upstreamLog,
  upstreamScenarios,
} from '../support/upstreamScenarios'

// Every figure here is counted in the emulator's request log: real @flowglad/node requests.
let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())

const log = () => upstreamLog(app)

/** A user whose customer already exists upstream, with the request log cleared. */
async function existingCustomer(): Promise<TestUser> {
  const { user } = await scenarioCustomer(app)
  app.emulator.control.clearRequests()
  return user
}

// The handlers compared with Flowglad's SDK (bench/server runs the same table against it).
describe('upstream requests per handler, against Flowglad SDK', () => {
  it.each(upstreamScenarios)(
    '$name: exactly the listed requests, fewer than the SDK or as many',
    async (scenario) => {
      const setup = await (scenario.setup ?? scenarioCustomer)(app)
      app.emulator.control.clearRequests()
      await scenario.plugin(app, setup)
      expect(log()).toEqual(scenario.pluginRequests)
      expect(scenario.pluginRequests.length).toBeLessThanOrEqual(scenario.sdkRequests)
    },
  )
})

describe('upstream requests', () => {
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
