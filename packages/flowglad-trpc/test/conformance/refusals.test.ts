import { TRPCClientError } from '@trpc/client'
import { TRPCError } from '@trpc/server'
import { createEmulator } from 'flowglad-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppRouter, createTestApp, customerOf, type TestApp, testUser } from '../support/createTestApp'

// The plugin on Flowglad's real answers, in the emulator's two-target pattern
// (flowglad-emulator/test/conformance/, README › Conformance): by default the app talks to the
// in-process emulator; `pnpm test:oracle` runs this file again with FLOWGLAD_CONFORMANCE_SECRET_KEY
// and FLOWGLAD_CONFORMANCE_BASE_URL pointing at Flowglad's own server (the oracle). On both, a
// business refusal (a 500 upstream) reaches the app's client as the 4xx Flowglad meant, in its
// words, sent upstream once.

const key = process.env.FLOWGLAD_CONFORMANCE_SECRET_KEY
const baseURL = process.env.FLOWGLAD_CONFORMANCE_BASE_URL
const target = key ? 'oracle' : 'emulator'
// The oracle is `next dev` on a shared machine (0.4–4 s a request): a handler gets a minute.
const timeout = target === 'oracle' ? 240_000 : 15_000

/** Upstream POSTs per path, counted on the way out. */
const sent = new Map<string, number>()

let app: TestApp
beforeAll(async () => {
  if (key && !key.startsWith('sk_test_')) throw new Error('FLOWGLAD_CONFORMANCE_SECRET_KEY must be sk_test_…')
  const emulator = await createEmulator({ listen: false })
  const inner = key ? globalThis.fetch : emulator.fetch
  const counting: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if ((init?.method ?? 'GET') === 'POST') sent.set(url.pathname, (sent.get(url.pathname) ?? 0) + 1)
    return inner(input, init)
  }
  app = await createTestApp({
    emulator,
    flowglad: {
      fetch: counting,
      ...(key && baseURL ? { apiKey: key, baseURL, timeoutMs: 120_000 } : {}),
      allowedRedirectOrigins: ['https://app.test'],
    },
  })
}, timeout)
afterAll(() => app.emulator.close())

async function clientError(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof TRPCClientError)) throw new Error(`expected a TRPCClientError, got ${String(error)}`)
  return error as TRPCClientError<AppRouter>
}

const urls = { successUrl: 'https://app.test/s', cancelUrl: 'https://app.test/c' }
const sentTo = (path: string) => sent.get(path) ?? 0

describe(`the plugin on Flowglad's refusals (${target})`, () => {
  it(
    'a checkout for an unknown price slug or the default product is BAD_REQUEST in Flowglad’s words, sent once each',
    async () => {
      const client = app.createClient(testUser())
      await client.flowglad.billing.get.query()
      const before = sentTo('/api/v1/checkout-sessions')
      const slug = await clientError(
        client.flowglad.checkout.create.mutate({ priceSlug: 'no_such_price', ...urls }),
      )
      expect(slug.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 })
      expect(slug.message).toBe(
        `Invalid priceSlug: Price with slug "no_such_price" not found for customer's pricing model`,
      )
      const product = await clientError(
        client.flowglad.checkout.create.mutate({ priceSlug: 'free_monthly', ...urls }),
      )
      expect(product.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 })
      expect(product.message).toMatch(
        /^Invalid product: Checkout sessions cannot be created for default products\./,
      )
      expect(sentTo('/api/v1/checkout-sessions') - before).toBe(2)
    },
    timeout,
  )

  it(
    'a second free subscription is CONFLICT with the domain message, sent once',
    async () => {
      const user = testUser()
      await app.createClient(user).flowglad.billing.get.query()
      const before = sentTo('/api/v1/subscriptions')
      const error = await app.flowglad
        .forCustomer(customerOf(user))
        .subscriptions.create({ priceSlug: 'free_monthly' })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TRPCError)
      expect((error as TRPCError).code).toBe('CONFLICT')
      expect((error as TRPCError).message).toMatch(
        /^Subscription conflict: Customer \S+ already has an active free subscription/,
      )
      expect(sentTo('/api/v1/subscriptions') - before).toBe(1)
    },
    timeout,
  )

  it(
    'a transactionId another customer used is CONFLICT, sent once',
    async () => {
      const transactionId = `tx_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
      await app
        .createClient(testUser('First'))
        .flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls', transactionId })
      const second = app.createClient(testUser('Second'))
      await second.flowglad.billing.get.query()
      const before = sentTo('/api/v1/usage-events')
      const error = await clientError(
        second.flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls', transactionId }),
      )
      expect(error.data).toMatchObject({ code: 'CONFLICT', httpStatus: 409 })
      expect(error.message).toMatch(/^UsageEvent conflict: A usage event already exists for transactionid /)
      expect(sentTo('/api/v1/usage-events') - before).toBe(1)
    },
    timeout,
  )
})
