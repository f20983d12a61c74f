import { TRPCClientError } from '@trpc/client'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getFlowgladErrorData } from '../../src/server'
import {
  type AppRouter,
  createTestApp,
  customerOf,
  type TestApp,
  type TestUser,
  testUser,
} from '../support/createTestApp'
import { subscribeToPaidPlan } from '../support/paidPlan'

// Lost answers to writes, through the app's fetch-adapter handler and the real @flowglad/node
// client: a write that could act twice is sent once, and when its answer is lost the caller is
// told the outcome is unknown, apart from a plain timeout.

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

const redirects = { successUrl: 'https://app.test/s', cancelUrl: 'https://app.test/c' }
const checkoutPost = { method: 'POST', path: '/api/v1/checkout-sessions' }
const usagePost = { method: 'POST', path: '/api/v1/usage-events' }

/** The tRPC error a client call rejected with. */
async function clientError(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof TRPCClientError)) throw new Error(`expected a TRPCClientError, got ${String(error)}`)
  return error as TRPCClientError<AppRouter>
}

const apiCalls = async (someone: TestUser) =>
  (await app.createCaller(someone).flowglad.usageMeters.balances()).usageMeterBalances.find(
    (b) => b.slug === 'api_calls',
  )?.availableBalance

describe('writes that could act twice are sent once', () => {
  it('checkout.create whose connection drops: one session request, TIMEOUT with outcome unknown', async () => {
    app.emulator.control.injectFault({ match: checkoutPost, drop: true, times: 5 })
    const error = await clientError(
      app.createClient(user).flowglad.checkout.create.mutate({ priceSlug: 'pro_monthly', ...redirects }),
    )
    expect(error.data?.code).toBe('TIMEOUT')
    expect(error.message).toMatch(/may or may not have been applied/)
    expect(app.emulator.control.requests(checkoutPost)).toHaveLength(1)
    expect(getFlowgladErrorData(app.errors[0])).toMatchObject({
      failure: 'outcome_unknown',
      outcome: 'unknown',
    })
  })

  it('checkout.create that gets no answer in time: one request, TIMEOUT with outcome unknown (not GATEWAY_TIMEOUT)', async () => {
    app.emulator.control.injectFault({ match: checkoutPost, latencyMs: 10_000, times: 5 })
    const error = await clientError(
      app.createClient(user).flowglad.checkout.create.mutate({ priceSlug: 'pro_monthly', ...redirects }),
    )
    expect(error.data?.code).toBe('TIMEOUT')
    expect(getFlowgladErrorData(app.errors[0])?.outcome).toBe('unknown')
  })

  it('subscriptions.adjust answered 503 is not resent, and reported as BAD_GATEWAY', async () => {
    const someone = testUser()
    await subscribeToPaidPlan(app, someone)
    app.emulator.control.clearRequests()
    const adjustPost = { method: 'POST', path: /\/subscriptions\/[^/]+\/adjust$/ }
    app.emulator.control.injectFault({ match: adjustPost, status: 503, times: 5 })
    const error = await clientError(
      app
        .createClient(someone)
        .flowglad.subscriptions.adjust.mutate({ priceSlug: 'pro_monthly', quantity: 2 }),
    )
    expect(error.data?.code).toBe('BAD_GATEWAY')
    expect(app.emulator.control.requests(adjustPost)).toHaveLength(1)
  })

  it('a failed read before the write reports the write as not applied', async () => {
    app.emulator.control.injectFault({
      match: { method: 'GET', path: '/api/v1/customers/' },
      status: 500,
      times: 5,
    })
    await clientError(
      app.createClient(user).flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls' }),
    )
    expect(getFlowgladErrorData(app.errors[0])).toMatchObject({ outcome: 'not_applied', status: 500 })
    expect(app.emulator.control.requests(usagePost)).toHaveLength(0)
  })
})

describe('usage events keep one transactionId', () => {
  it('a dropped answer is retried with the same transactionId and recorded once', async () => {
    const someone = testUser()
    const before = await apiCalls(someone)
    app.emulator.control.clearRequests()
    app.emulator.control.injectFault({ match: usagePost, drop: true, times: 1 })
    const event = await app
      .createClient(someone)
      .flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls', amount: 3 })
    expect(app.emulator.control.requests(usagePost).map((r) => r.status)).toEqual([0, 200])
    expect(await apiCalls(someone)).toBe((before ?? 0) - 3)
    expect(event.usageEvent.transactionId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it("forwards the client's transactionId: a browser retry after an unknown outcome records once", async () => {
    const someone = testUser()
    const before = await apiCalls(someone)
    const input = { usageMeterSlug: 'api_calls', amount: 4, transactionId: `tx-browser-${someone.id}` }
    // Every attempt of the first call is lost: the caller learns the outcome is unknown...
    app.emulator.control.injectFault({ match: usagePost, drop: true, times: 3 })
    const error = await clientError(app.createClient(someone).flowglad.usageEvents.create.mutate(input))
    expect(error.data?.code).toBe('TIMEOUT')
    // ...and retries with the same id: Flowglad records it once.
    const retried = await app.createClient(someone).flowglad.usageEvents.create.mutate(input)
    expect(retried.usageEvent.transactionId).toBe(input.transactionId)
    expect(await apiCalls(someone)).toBe((before ?? 0) - 4)
  })
})
