import Flowglad, {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
} from '@flowglad/node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRig, current, type EmulatorRig, signUp, URLS } from './support/emulatorRig'

let rig: EmulatorRig
beforeEach(async () => {
  rig = await createRig()
})
afterEach(() => rig.close())

const dump = async () => {
  const response = await rig.emulator.fetch(`${rig.emulator.url}/_emulator/state`, {
    headers: { authorization: rig.emulator.apiKey },
  })
  const { data } = (await response.json()) as { data: Record<string, unknown> }
  return JSON.stringify(data)
}

describe('authentication', () => {
  it('a missing or wrong key is a 401 that never echoes the key', async () => {
    const secret = 'sk_live_this_must_never_leak'
    const wrong = new Flowglad({ apiKey: secret, baseURL: rig.emulator.url, fetch: rig.fetch, maxRetries: 0 })
    const error = await wrong.customers.retrieve('x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(String((error as AuthenticationError).message)).not.toContain(secret)
    const bare = await rig.emulator.fetch(`${rig.emulator.url}/api/v1/pricing-models/default`)
    expect(bare.status).toBe(401)
    // Flowglad's withVerification answers in plain text, not JSON.
    expect(await bare.text()).toMatch(/^Unauthorized\. Authorization header is required/)
    const malformed = await rig.emulator.fetch(`${rig.emulator.url}/api/v1/pricing-models/default`, {
      headers: { authorization: `Token ${secret}` },
    })
    expect(malformed.status).toBe(401)
    const text = await malformed.text()
    expect(text).toMatch(/^Either the API key was missing, or it was in an invalid format/)
    expect(text).not.toContain(secret)
  })

  it('accepts the key raw or as `Bearer <key>`, as Flowglad does', async () => {
    const url = `${rig.emulator.url}/api/v1/pricing-models/default`
    for (const authorization of [
      rig.emulator.apiKey,
      `Bearer ${rig.emulator.apiKey}`,
      `bearer ${rig.emulator.apiKey}`,
    ]) {
      expect((await rig.emulator.fetch(url, { headers: { authorization } })).status).toBe(200)
    }
  })

  it('an unknown route is a plain-text 404 Not Found', async () => {
    const response = await rig.emulator.fetch(`${rig.emulator.url}/api/v1/nothing-here`, {
      headers: { authorization: rig.emulator.apiKey },
    })
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('Not Found')
  })
})

describe('bad input is a 400 with issues and changes nothing', () => {
  const cases: Array<[string, (client: Flowglad, subscriptionId: string) => Promise<unknown>]> = [
    [
      'customer without externalId',
      (c) => c.post('/api/v1/customers', { body: { customer: { email: 'a@b.c', name: 'A' } } }),
    ],
    [
      'checkout with both priceId and priceSlug',
      (c) =>
        c.checkoutSessions.create({
          checkoutSession: {
            type: 'product',
            customerExternalId: 'user_1',
            priceId: 'x',
            priceSlug: 'pro_monthly',
            ...URLS,
          },
        }),
    ],
    [
      'checkout with a relative successUrl',
      (c) =>
        c.checkoutSessions.create({
          checkoutSession: {
            type: 'product',
            customerExternalId: 'user_1',
            priceSlug: 'pro_monthly',
            successUrl: '/ok',
            cancelUrl: URLS.cancelUrl,
          },
        }),
    ],
    [
      'usage event naming no meter or price',
      (c, sub) =>
        c.post('/api/v1/usage-events', {
          body: { usageEvent: { subscriptionId: sub, amount: 1, transactionId: 't' } },
        }),
    ],
    [
      'usage event with a negative amount',
      (c, sub) =>
        c.post('/api/v1/usage-events', {
          body: {
            usageEvent: { subscriptionId: sub, amount: -3, transactionId: 't', usageMeterSlug: 'api_calls' },
          },
        }),
    ],
    [
      'cancel with an unknown timing',
      (c, sub) =>
        c.post(`/api/v1/subscriptions/${sub}/cancel`, { body: { cancellation: { timing: 'later' } } }),
    ],
    [
      'adjust with no items',
      (c, sub) =>
        c.post(`/api/v1/subscriptions/${sub}/adjust`, {
          body: { adjustment: { timing: 'auto', newSubscriptionItems: [] } },
        }),
    ],
    [
      'claim with both quantity and externalId',
      (c, sub) =>
        c.post(`/api/v1/resource-claims/${sub}/claim`, {
          body: { resourceSlug: 'seats', quantity: 1, externalId: 'a' },
        }),
    ],
    [
      'claim over capacity',
      (c, sub) =>
        c.post(`/api/v1/resource-claims/${sub}/claim`, { body: { resourceSlug: 'seats', quantity: 2 } }),
    ],
    [
      'a body that is not JSON',
      (c) =>
        c.post('/api/v1/customers', { body: 'not json', headers: { 'content-type': 'application/json' } }),
    ],
  ]

  it.each(cases)('%s', async (_name, call) => {
    await signUp(rig.client)
    const subscription = await current(rig.client)
    const before = await dump()
    const error = await call(rig.client, subscription.id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadRequestError)
    // Flowglad's REST error body: `{ error, code, request_id }`; a body that is not JSON has no code.
    const body = (error as BadRequestError).error as {
      code?: string
      error: string | unknown[]
      request_id: string
    }
    expect(body.code).toBe(_name === 'a body that is not JSON' ? undefined : 'BAD_REQUEST')
    expect(body.error.length).toBeGreaterThan(0)
    expect(body.request_id).toMatch(/^[0-9a-f]{8}$/)
    expect(await dump()).toBe(before)
  })
})

describe('not found', () => {
  it('unknown customers are 404; unknown subscriptions, as Flowglad unwraps their lookup, 500', async () => {
    await signUp(rig.client)
    const sub = (await current(rig.client)).id
    const notFound = [rig.client.customers.retrieveBilling('ghost')]
    for (const call of notFound) {
      const error = await call.catch((e: unknown) => e)
      expect(error).toBeInstanceOf(NotFoundError)
      expect((error as NotFoundError).error).toMatchObject({ code: 'NOT_FOUND' })
    }
    const panics = [
      rig.client.subscriptions.retrieve('sub_ghost'),
      rig.client.subscriptions.adjust('sub_ghost', {
        adjustment: { timing: 'immediately', newSubscriptionItems: [{ priceSlug: 'pro_monthly' }] },
      }),
      rig.client.subscriptions.cancel('sub_ghost', { cancellation: { timing: 'immediately' } }),
      rig.client.post('/api/v1/usage-events', {
        body: { usageEvent: { subscriptionId: sub, amount: 1, transactionId: 't', usageMeterSlug: 'ghost' } },
      }),
    ]
    for (const call of panics) {
      const error = await call.catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InternalServerError)
      expect((error as InternalServerError).error).toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
        error: expect.stringMatching(/^Unwrap called on Err: /),
      })
    }
    const slug = await rig.client.checkoutSessions
      .create({
        checkoutSession: { type: 'product', customerExternalId: 'user_1', priceSlug: 'ghost', ...URLS },
      })
      .catch((e: unknown) => e)
    expect(slug).toBeInstanceOf(InternalServerError)
    expect((slug as InternalServerError).error).toMatchObject({
      error: `Invalid priceSlug: Price with slug "ghost" not found for customer's pricing model`,
    })
  })
})
