import { TRPCClientError } from '@trpc/client'
import { TRPCError } from '@trpc/server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getFlowgladErrorData } from '../../src/server'
import { normalizeError } from '../../src/server/errors/normalizeError'
import { type AppRouter, createTestApp, customerOf, type TestApp, testUser } from '../support/createTestApp'

// Flowglad answers its business refusals with `500 INTERNAL_SERVER_ERROR` carrying the domain
// message (its `domainErrorMiddleware` never fires under tRPC 11.8; checked against Flowglad's
// server in flowglad-emulator/test/conformance/, and the emulator answers the same). Through the
// app's real fetch handler, each must reach the app's client as the 400/404/409 Flowglad meant, in
// Flowglad's words, sent upstream exactly once, never as a 5xx.

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

async function clientError(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof TRPCClientError)) throw new Error(`expected a TRPCClientError, got ${String(error)}`)
  return error as TRPCClientError<AppRouter>
}

const urls = { successUrl: 'https://app.test/s', cancelUrl: 'https://app.test/c' }

/** The upstream answers to `path` (method POST) since the last clear. */
const posts = (path: string) => app.emulator.control.requests({ method: 'POST', path })

describe('a refusal Flowglad sends as a 500 reaches the app as the code it meant', () => {
  it('an unknown price slug at checkout is BAD_REQUEST in Flowglad’s words, sent once', async () => {
    const client = app.createClient(testUser())
    await client.flowglad.billing.get.query()
    app.emulator.control.clearRequests()
    const error = await clientError(
      client.flowglad.checkout.create.mutate({ priceSlug: 'no_such_price', ...urls }),
    )
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(error.data?.httpStatus).toBe(400)
    expect(error.message).toBe(
      `Invalid priceSlug: Price with slug "no_such_price" not found for customer's pricing model`,
    )
    expect(posts('/api/v1/checkout-sessions').map((r) => r.status)).toEqual([500])
    expect(getFlowgladErrorData(app.errors[0])).toMatchObject({
      failure: 'invalid_request',
      outcome: 'not_applied',
      status: 500,
      flowgladCode: 'INTERNAL_SERVER_ERROR',
      requestId: expect.stringMatching(/^[0-9a-f]{8}$/),
    })
  })

  it('a checkout for the default product is BAD_REQUEST', async () => {
    const client = app.createClient(testUser())
    const error = await clientError(
      client.flowglad.checkout.create.mutate({ priceSlug: 'free_monthly', ...urls }),
    )
    expect(error.data?.code).toBe('BAD_REQUEST')
    expect(error.message).toMatch(
      /^Invalid product: Checkout sessions cannot be created for default products\./,
    )
    expect(posts('/api/v1/checkout-sessions')).toHaveLength(1)
  })

  it('a second free subscription (server-only `subscriptions.create`) is CONFLICT, its panic prefix dropped', async () => {
    const user = testUser()
    await app.createClient(user).flowglad.billing.get.query()
    app.emulator.control.clearRequests()
    const error = await app.flowglad
      .forCustomer(customerOf(user))
      .subscriptions.create({ priceSlug: 'free_monthly' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TRPCError)
    expect((error as TRPCError).code).toBe('CONFLICT')
    expect((error as TRPCError).message).toMatch(
      /^Subscription conflict: Customer \S+ already has an active free subscription\. Only one free subscription/,
    )
    expect(posts('/api/v1/subscriptions').map((r) => r.status)).toEqual([500])
    expect(getFlowgladErrorData(error)).toMatchObject({ failure: 'conflict', outcome: 'not_applied' })
  })

  it('a transactionId another customer used is CONFLICT, sent once', async () => {
    const transactionId = `tx_${Math.random().toString(36).slice(2)}`
    const first = app.createClient(testUser('First'))
    await first.flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls', transactionId })
    const second = app.createClient(testUser('Second'))
    await second.flowglad.billing.get.query()
    app.emulator.control.clearRequests()
    const error = await clientError(
      second.flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls', transactionId }),
    )
    expect(error.data?.code).toBe('CONFLICT')
    expect(error.message).toMatch(
      new RegExp(
        `^UsageEvent conflict: A usage event already exists for transactionid ${transactionId}, but does not belong to subscription`,
      ),
    )
    expect(posts('/api/v1/usage-events')).toHaveLength(1)
  })

  it('an unknown subscription id (a lookup panic) is NOT_FOUND, read once', async () => {
    const raw = await app.flowglad.client()
    const error = await raw.subscriptions.retrieve('sub_does_not_exist').catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 500 })
    // The same answer through the normaliser, as a handler would see it.
    const normalized = normalizeError(error, app.emulator.apiKey)
    expect(normalized.code).toBe('NOT_FOUND')
    expect(normalized.message).toBe('No subscriptions found with id: sub_does_not_exist')
    expect(
      app.emulator.control.requests({ method: 'GET', path: '/api/v1/subscriptions/sub_does_not_exist' }),
    ).toHaveLength(1)
  })

  it('a real server fault stays a 5xx (BAD_GATEWAY), also sent once', async () => {
    const client = app.createClient(testUser())
    await client.flowglad.billing.get.query()
    app.emulator.control.clearRequests()
    app.emulator.control.injectFault({
      match: { method: 'POST', path: '/api/v1/checkout-sessions' },
      status: 500,
      body: { error: 'Internal server error', request_id: 'abcd1234' },
      times: 1,
    })
    const error = await clientError(
      client.flowglad.checkout.create.mutate({ priceSlug: 'pro_monthly', ...urls }),
    )
    expect(error.data?.code).toBe('BAD_GATEWAY')
    expect(posts('/api/v1/checkout-sessions')).toHaveLength(1)
  })
})
