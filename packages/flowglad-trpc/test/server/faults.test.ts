import { TRPCError } from '@trpc/server'
import { createEmulator } from 'flowglad-emulator'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, customerOf, type TestApp, type TestUser, testUser } from '../support/createTestApp'

// Upstream failures injected in the emulator, seen through the real @flowglad/node client.
let app: TestApp
let user: TestUser
beforeAll(async () => {
  // No client retries here, so each fault maps 1:1 to a failed call; retries are tested below.
  app = await createTestApp({ flowglad: { maxRetries: 0, timeoutMs: 2_000 } })
  user = testUser()
  await app.flowglad.customers.findOrCreate(customerOf(user))
})
afterAll(() => app.close())
beforeEach(() => {
  app.emulator.control.clearFaults()
  app.errors.length = 0
})

const billingPath = { method: 'GET', path: '/api/v1/customers/' }

/** Calls billing.get over HTTP and returns the raw response text, so nothing can hide in it. */
async function rawBillingResponse(): Promise<{ status: number; text: string }> {
  const response = await app.handle(
    new Request('http://app.test/api/trpc/flowglad.billing.get?batch=1&input={}'),
    user,
  )
  return { status: response.status, text: await response.text() }
}

describe('upstream failures map to tRPC codes', () => {
  /** Calls pricing.default (no customer involved) over HTTP. */
  async function rawPricingResponse(): Promise<{ status: number; body: unknown }> {
    const response = await app.handle(
      new Request('http://app.test/api/trpc/flowglad.pricing.default?batch=1&input={}'),
      null,
    )
    return { status: response.status, body: await response.json() }
  }

  it.each([
    [400, 'BAD_REQUEST', 400],
    [403, 'FORBIDDEN', 403],
    [404, 'NOT_FOUND', 404],
    [409, 'CONFLICT', 409],
    [422, 'BAD_REQUEST', 400],
    [429, 'TOO_MANY_REQUESTS', 429],
    [500, 'BAD_GATEWAY', 502],
    [503, 'BAD_GATEWAY', 502],
  ])('upstream %i is %s (HTTP %i)', async (status, code, httpStatus) => {
    app.emulator.control.injectFault({ match: { path: '/api/v1/pricing-models/default' }, status, times: 1 })
    const response = await rawPricingResponse()
    expect(response.status).toBe(httpStatus)
    expect(response.body).toMatchObject([{ error: { json: { data: { code, app: 'test-app' } } } }])
    expect(app.errors.map((e) => e.code)).toEqual([code])
  })

  it('a missing customer on billing (404) is not an error: the customer is created and billing read again', async () => {
    app.emulator.control.injectFault({
      match: { path: '/api/v1/customers/', method: 'GET' },
      status: 404,
      times: 1,
    })
    const billing = await app.createCaller(user).flowglad.billing.get()
    expect(billing.customer.externalId).toBe(user.id)
  })

  it('a rejected API key (upstream 401) is an INTERNAL_SERVER_ERROR with a configuration message', async () => {
    app.emulator.control.injectFault({ match: billingPath, status: 401, times: 1 })
    await expect(app.createCaller(user).flowglad.billing.get()).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: expect.stringContaining('FLOWGLAD_SECRET_KEY'),
    })
  })

  it('a timeout is GATEWAY_TIMEOUT (over a real socket: the client aborts the fetch)', async () => {
    const emulator = await createEmulator({ port: 0 })
    const overHttp = await createTestApp({
      emulator,
      flowglad: { fetch: undefined, maxRetries: 0, timeoutMs: 100 },
    })
    try {
      emulator.control.injectFault({ match: billingPath, latencyMs: 400, times: 1 })
      await expect(overHttp.createCaller(testUser()).flowglad.billing.get()).rejects.toMatchObject({
        code: 'GATEWAY_TIMEOUT',
      })
    } finally {
      await emulator.close()
    }
  })

  it('a dropped connection is SERVICE_UNAVAILABLE', async () => {
    app.emulator.control.injectFault({ match: billingPath, drop: true, times: 1 })
    await expect(app.createCaller(user).flowglad.billing.get()).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    })
  })

  it('keeps the original upstream error as the cause for the app onError', async () => {
    app.emulator.control.injectFault({ match: billingPath, status: 500, times: 1 })
    await rawBillingResponse()
    const [error] = app.errors
    expect(error).toBeInstanceOf(TRPCError)
    expect(error?.cause).toMatchObject({ status: 500 })
  })
})

describe('the API key never leaks', () => {
  it('is scrubbed from messages, error shapes and causes even when upstream echoes it', async () => {
    const key = app.emulator.apiKey
    app.emulator.control.injectFault({
      match: billingPath,
      status: 400,
      body: { code: 'BAD_REQUEST', message: `Key ${key} is not allowed here` },
      times: 1,
    })
    const response = await rawBillingResponse()
    expect(response.status).toBe(400)
    expect(response.text).toContain('[redacted]')
    expect(response.text).not.toContain(key)
    const [error] = app.errors
    expect(error?.message).not.toContain(key)
    expect(String(error?.cause instanceof Error ? error.cause.message : error?.cause)).not.toContain(key)
    expect(String(error?.stack)).not.toContain(key)
  })

  it('is absent from the response for every kind of failure', async () => {
    const key = app.emulator.apiKey
    for (const fault of [{ status: 401 }, { status: 500 }, { drop: true }, { status: 429 }]) {
      app.emulator.control.injectFault({ match: billingPath, ...fault, times: 1 })
      const response = await rawBillingResponse()
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.text).not.toContain(key)
    }
  })

  it('is absent when the configured key is wrong', async () => {
    const wrongKey = 'sk_test_wrong_key_do_not_leak'
    const misconfigured = await createTestApp({ emulator: app.emulator, flowglad: { apiKey: wrongKey } })
    const error = await misconfigured
      .createClient(testUser())
      .flowglad.billing.get.query()
      .catch((e: unknown) => e)
    expect(JSON.stringify(error)).not.toContain(wrongKey)
    expect(String((error as Error).message)).toContain('configuration')
    expect(
      JSON.stringify(misconfigured.errors.map((e) => [e.message, e.stack, String(e.cause)])),
    ).not.toContain(wrongKey)
  })
})

describe('usage events under faults', () => {
  const balance = async (caller: ReturnType<TestApp['createCaller']>) =>
    (await caller.flowglad.usageMeters.balances()).usageMeterBalances.find((b) => b.slug === 'api_calls')
      ?.availableBalance ?? Number.NaN

  it('@flowglad/node retries a 503 and the event is recorded once', async () => {
    const retrying = await createTestApp({ emulator: app.emulator })
    const someone = testUser()
    const caller = () => retrying.createCaller(someone)
    const before = await balance(caller())
    app.emulator.control.clearRequests()
    app.emulator.control.injectFault({
      match: { method: 'POST', path: '/api/v1/usage-events' },
      status: 503,
      times: 1,
    })
    await caller().flowglad.usageEvents.create({ usageMeterSlug: 'api_calls', amount: 4 })
    expect(app.emulator.control.requests({ method: 'POST', path: '/api/v1/usage-events' })).toHaveLength(2)
    expect(await balance(caller())).toBe(before - 4)
  })

  it('a failed call retried by the client with its transactionId records once', async () => {
    const caller = () => app.createCaller(user)
    const before = await balance(caller())
    const event = { usageMeterSlug: 'api_calls', amount: 2, transactionId: `tx-${Date.now()}` }
    app.emulator.control.injectFault({
      match: { method: 'POST', path: '/api/v1/usage-events' },
      status: 502,
      times: 1,
    })
    await expect(caller().flowglad.usageEvents.create(event)).rejects.toMatchObject({ code: 'BAD_GATEWAY' })
    await caller().flowglad.usageEvents.create(event)
    await caller().flowglad.usageEvents.create(event)
    expect(await balance(caller())).toBe(before - 2)
  })

  it('a resource claim by quantity is never retried (not idempotent)', async () => {
    const retrying = await createTestApp({ emulator: app.emulator })
    const someone = testUser()
    await retrying.createCaller(someone).flowglad.billing.get()
    app.emulator.control.clearRequests()
    app.emulator.control.injectFault({
      match: { method: 'POST', path: '/api/v1/resource-claims/' },
      status: 503,
      times: 1,
    })
    await expect(
      retrying.createCaller(someone).flowglad.resources.claim({ resourceSlug: 'seats', quantity: 1 }),
    ).rejects.toMatchObject({ code: 'BAD_GATEWAY' })
    expect(app.emulator.control.requests({ method: 'POST', path: '/api/v1/resource-claims/' })).toHaveLength(
      1,
    )
  })
})
