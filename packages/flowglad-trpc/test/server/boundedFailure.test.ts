import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getFlowgladErrorData } from '../../src/server'
import { createTestApp, customerOf, type TestApp, type TestUser, testUser } from '../support/createTestApp'

// A hanging or rate-limiting Flowglad, seen through the real @flowglad/node client and the app's
// fetch-adapter handler: every call ends within its time budget and costs a bounded number of requests.

const billingPath = { method: 'GET', path: '/api/v1/customers/' }
const billingUrl = 'http://app.test/api/trpc/flowglad.billing.get?batch=1&input={}'

/** Runs billing.get over HTTP; returns the status, the tRPC code and how long it took. */
async function timedBilling(app: TestApp, user: TestUser) {
  const started = performance.now()
  const response = await app.handle(new Request(billingUrl), user)
  const body = (await response.json()) as [{ error?: { json: { data: { code: string } } } }]
  return { status: response.status, code: body[0].error?.json.data.code, ms: performance.now() - started }
}

describe('a hanging Flowglad', () => {
  it('fails a read within 10 s with the default options (GATEWAY_TIMEOUT), not 181 s', {
    timeout: 20_000,
  }, async () => {
    const app = await createTestApp({ flowglad: {} })
    const user = testUser()
    await app.flowglad.customers.findOrCreate(customerOf(user))
    app.emulator.control.injectFault({ match: billingPath, latencyMs: 60_000, times: 5 })
    const result = await timedBilling(app, user)
    expect(result).toMatchObject({ status: 504, code: 'GATEWAY_TIMEOUT' })
    expect(result.ms).toBeGreaterThan(9_500)
    expect(result.ms).toBeLessThan(11_000)
    app.emulator.control.clearFaults()
    await app.close()
  })

  it('fails within the budget set with timeoutMs, retries included', async () => {
    const app = await createTestApp({ flowglad: { timeoutMs: 2_000 } })
    const user = testUser()
    await app.flowglad.customers.findOrCreate(customerOf(user))
    app.emulator.control.clearRequests()
    // A 503 is retried (a read is safe to repeat), then the retry hangs: the budget still holds.
    app.emulator.control.injectFault({ match: billingPath, status: 503, times: 1 })
    app.emulator.control.injectFault({ match: billingPath, latencyMs: 30_000, times: 5 })
    const result = await timedBilling(app, user)
    expect(result.code).toBe('GATEWAY_TIMEOUT')
    expect(result.ms).toBeGreaterThan(1_900)
    expect(result.ms).toBeLessThan(2_500)
    // The log records answered requests: the 503, then the retry still hanging when the budget ran out.
    expect(app.emulator.control.requests(billingPath).map((r) => r.status)).toEqual([503])
    app.emulator.control.clearFaults()
    await app.close()
  })
})

describe('429 from a proxy in front of Flowglad', () => {
  let app: TestApp
  let user: TestUser
  beforeAll(async () => {
    app = await createTestApp({ flowglad: { timeoutMs: 3_000 } })
    user = testUser()
    await app.flowglad.customers.findOrCreate(customerOf(user))
  })
  afterAll(() => app.close())
  beforeEach(() => {
    app.emulator.control.clearFaults()
    app.emulator.control.clearRequests()
    app.errors.length = 0
  })

  it('without Retry-After: one request, TOO_MANY_REQUESTS (was three)', async () => {
    app.emulator.control.injectFault({ match: billingPath, status: 429, times: 10 })
    expect((await timedBilling(app, user)).code).toBe('TOO_MANY_REQUESTS')
    expect(app.emulator.control.requests(billingPath)).toHaveLength(1)
  })

  it('honours a Retry-After that fits the budget: waits, then one retry succeeds', async () => {
    app.emulator.control.injectFault({
      match: billingPath,
      status: 429,
      headers: { 'retry-after': '1' },
      times: 1,
    })
    const result = await timedBilling(app, user)
    expect(result.status).toBe(200)
    expect(result.ms).toBeGreaterThanOrEqual(990)
    expect(app.emulator.control.requests(billingPath)).toHaveLength(2)
  })

  it('a Retry-After beyond the budget fails at once, and holds later calls without sending them', async () => {
    app.emulator.control.injectFault({
      match: billingPath,
      status: 429,
      headers: { 'retry-after': '30' },
      times: 10,
    })
    const first = await timedBilling(app, user)
    expect(first).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' })
    expect(first.ms).toBeLessThan(1_000)
    expect(getFlowgladErrorData(app.errors[0])?.retryAfterMs).toBeGreaterThan(29_000)
    // Meanwhile nobody else is sent upstream either: the pause is shared by the process.
    const second = await timedBilling(app, testUser())
    expect(second.code).toBe('TOO_MANY_REQUESTS')
    expect(app.emulator.control.requests()).toHaveLength(1)
  })
})
