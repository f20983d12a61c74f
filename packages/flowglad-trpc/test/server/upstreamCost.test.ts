import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, customerOf, type TestApp, testUser } from '../support/createTestApp'

// What one user can cost Flowglad, through the app's fetch-adapter handler with the defaults
// (billing reuse on, a mutation cap per request). Counted in the emulator's request log.

let app: TestApp
beforeAll(async () => {
  // The defaults, not the test app's (which turns billing reuse off to count per request).
  app = await createTestApp({ flowglad: { billingReuseMs: undefined } })
})
afterAll(() => app.close())
beforeEach(() => app.emulator.control.clearRequests())

const billingReads = () => app.emulator.control.requests({ method: 'GET', path: '/api/v1/customers/' }).length

describe('billing reuse across requests', () => {
  it('100 sequential billing.get requests from one user cost one read per reuse window (was 100)', async () => {
    const user = testUser()
    await app.flowglad.customers.findOrCreate(customerOf(user))
    app.emulator.control.clearRequests()
    const started = performance.now()
    for (let i = 0; i < 100; i++) await app.createClient(user).flowglad.billing.get.query()
    const windows = Math.ceil((performance.now() - started) / 1_000)
    expect(billingReads()).toBeGreaterThanOrEqual(1)
    expect(billingReads()).toBeLessThanOrEqual(windows)
  })

  it('a write through this process drops the reused answer at once', async () => {
    const user = testUser()
    const client = app.createClient(user)
    const before = await client.flowglad.usageMeters.balances.query()
    await client.flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls', amount: 5 })
    const after = await client.flowglad.usageMeters.balances.query()
    const credits = (b: typeof before) =>
      b.usageMeterBalances.find((m) => m.slug === 'api_calls')?.availableBalance
    expect(credits(after)).toBe((credits(before) ?? 0) - 5)
  })

  it('after a checkout session is created, billing is read fresh (the checkout completes on Flowglad’s page)', async () => {
    const user = testUser()
    const client = app.createClient(user)
    const free = await client.flowglad.billing.get.query()
    const session = await client.flowglad.checkout.create.mutate({
      priceSlug: 'pro_monthly',
      successUrl: 'https://app.test/s',
      cancelUrl: 'https://app.test/c',
    })
    await client.flowglad.billing.get.query()
    app.emulator.control.completeCheckoutSession(session.id)
    const paid = await client.flowglad.billing.get.query()
    expect(paid.currentSubscription?.id).not.toBe(free.currentSubscription?.id)
    expect(paid.currentSubscription?.isFreePlan).toBe(false)
  })

  it('each customer has its own reuse: another user is read for itself', async () => {
    const [a, b] = [testUser(), testUser()]
    await app.createClient(a).flowglad.billing.get.query()
    await app.createClient(b).flowglad.billing.get.query()
    const ids = new Set(
      app.emulator.control
        .requests({ method: 'GET', path: '/api/v1/customers/' })
        .map((r) => r.path.split('/')[4]),
    )
    expect(ids).toEqual(new Set([a.id, b.id]))
  })
})

describe('mutations per request', () => {
  it('one batch of 50 usage events sends 10 and refuses 40 with TOO_MANY_REQUESTS (was 50 writes)', async () => {
    const user = testUser()
    const client = app.createClient(user)
    await client.flowglad.billing.get.query()
    app.emulator.control.clearRequests()
    // httpBatchLink sends these 50 calls as one HTTP request.
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        client.flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls', amount: 1 }),
      ),
    )
    const refused = results.filter(
      (r) =>
        r.status === 'rejected' &&
        (r.reason as { data?: { code?: string } }).data?.code === 'TOO_MANY_REQUESTS',
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10)
    expect(refused).toHaveLength(40)
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(
      /At most 10 billing changes per request/,
    )
    expect(app.emulator.control.requests({ method: 'POST', path: '/api/v1/usage-events' })).toHaveLength(10)
  })

  it('the cap is per request: the next request may write again; server code is not capped', async () => {
    const user = testUser()
    const client = app.createClient(user)
    await Promise.all(
      Array.from({ length: 10 }, () =>
        client.flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls' }),
      ),
    )
    await client.flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls' })
    const api = app.flowglad.forCustomer(customerOf(user))
    await Promise.all(
      Array.from({ length: 12 }, () => api.usageEvents.create({ usageMeterSlug: 'api_calls' })),
    )
    expect(app.emulator.control.requests({ method: 'POST', path: '/api/v1/usage-events' })).toHaveLength(23)
  })
})
