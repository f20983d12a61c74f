import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, customerOf, type TestApp, type TestUser, testUser } from '../support/createTestApp'

// A request memoises its billing read; a write made elsewhere (another request, a `forCustomer`
// handle in an app procedure) must not leave that memo serving stale data. Counts come from the
// emulator's request log: real @flowglad/node requests.
let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())

const billingFetches = () =>
  app.emulator.control.requests().filter((r) => r.method === 'GET' && r.path.endsWith('/billing')).length

async function existingCustomer(): Promise<TestUser> {
  const user = testUser()
  await app.flowglad.customers.findOrCreate(customerOf(user))
  app.emulator.control.clearRequests()
  return user
}

type Caller = ReturnType<TestApp['createCaller']>
const apiCalls = async (caller: Caller) =>
  (await caller.flowglad.usageMeters.balances()).usageMeterBalances.find((b) => b.slug === 'api_calls')
    ?.availableBalance

describe('memoised billing after a write made elsewhere', () => {
  it('pure reads on one request share one upstream fetch', async () => {
    const caller = app.createCaller(await existingCustomer())
    await caller.flowglad.billing.get()
    await caller.flowglad.features.access()
    expect(await apiCalls(caller)).toBe(100)
    expect(billingFetches()).toBe(1)
  })

  it('a write through forCustomer makes an already-memoised read on the same request fresh', async () => {
    const user = await existingCustomer()
    const caller = app.createCaller(user) // one ctx: one request key
    expect(await apiCalls(caller)).toBe(100)
    await app.flowglad
      .forCustomer(customerOf(user))
      .usageEvents.create({ usageMeterSlug: 'api_calls', amount: 10 })
    app.emulator.control.clearRequests()
    expect(await apiCalls(caller)).toBe(90)
    expect(await apiCalls(caller)).toBe(90)
    expect(billingFetches()).toBe(1) // one re-read, then the fresh memo is shared again
  })

  it("a write in another request makes this request's memo fresh, and only that customer's", async () => {
    const [user, bystander] = [await existingCustomer(), await existingCustomer()]
    const caller = app.createCaller(user)
    const bystanderCaller = app.createCaller(bystander)
    await Promise.all([apiCalls(caller), apiCalls(bystanderCaller)])
    await app.createCaller(user).flowglad.usageEvents.create({ usageMeterSlug: 'api_calls', amount: 5 })
    app.emulator.control.clearRequests()
    expect(await apiCalls(caller)).toBe(95)
    expect(await apiCalls(bystanderCaller)).toBe(100)
    expect(billingFetches()).toBe(1) // the written customer's re-read; the bystander's memo still holds
  })

  it('a write landing while a read is in flight leaves that read stale for the next call', async () => {
    const user = await existingCustomer()
    const caller = app.createCaller(user)
    const handle = app.flowglad.forCustomer(customerOf(user))
    const [during] = await Promise.all([
      apiCalls(caller),
      handle.usageEvents.create({ usageMeterSlug: 'api_calls', amount: 20 }),
    ])
    expect([100, 80]).toContain(during)
    expect(await apiCalls(caller)).toBe(80)
  })
})
