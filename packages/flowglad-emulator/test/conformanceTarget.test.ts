import { BadRequestError, ConflictError, InternalServerError, NotFoundError } from '@flowglad/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { describeMismatches } from './support/conformanceClient'
import {
  CONFORMANCE_KEY_ENV,
  type ConformanceTarget,
  openConformanceTarget,
} from './support/conformanceTarget'

/**
 * One suite, two targets: the facts read from Flowglad's server source (FIDELITY.md), checked
 * against the in-process emulator by default and against real Flowglad test mode when
 * FLOWGLAD_CONFORMANCE_SECRET_KEY is set (`pnpm test:conformance`). Only the public API is used
 * (no emulator controls), customers are uniquely named and archived afterwards. Facts that need
 * something the pricing model may lack (a free default plan, a usage meter, a paid price) are
 * checked only when the default pricing model has it.
 */

let target: ConformanceTarget
type Price = { id: string; slug: string | null; type: string; unitPrice: number }
type Model = {
  products: Array<{ default: boolean; prices: Price[] }>
  usageMeters: Array<{ id: string; slug: string }>
}
let model: Model

beforeAll(async () => {
  target = await openConformanceTarget()
  model = (await target.client.pricingModels.retrieveDefault()).pricingModel as unknown as Model
})

afterEach(() => {
  // 2xx bodies against the spec, errors against Flowglad's REST error shape.
  expect(describeMismatches(target.fetch.exchanges)).toEqual([])
})

afterAll(async () => {
  await target.close()
  const where =
    target.kind === 'emulator'
      ? `the emulator only (set ${CONFORMANCE_KEY_ENV} to a test-mode key to check real Flowglad too)`
      : 'real Flowglad test mode'
  console.info(`[conformance] ran against ${where}`)
})

const raw = (path: string, init: RequestInit = {}) => target.fetch(`${target.baseURL}${path}`, init)
const authed = (init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { authorization: target.apiKey, 'content-type': 'application/json', ...init.headers },
})
const signUp = async (label: string) => {
  const externalId = target.newExternalId(label)
  const { data } = await target.client.customers.create({
    customer: { externalId, email: `${externalId}@example.com`, name: `Conformance ${label}` },
  })
  return { externalId, ...data }
}
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )
const bodyOf = (error: unknown) => (error as { error?: Record<string, unknown> }).error ?? {}

describe('authentication and routing (route.ts withVerification)', () => {
  it('takes the key raw or as `Bearer <key>`', async () => {
    for (const authorization of [target.apiKey, `Bearer ${target.apiKey}`]) {
      expect((await raw('/api/v1/pricing-models/default', { headers: { authorization } })).status).toBe(200)
    }
  })

  it('refuses a missing, malformed or wrong key with a plain-text 401 that never echoes it', async () => {
    const missing = await raw('/api/v1/pricing-models/default')
    expect(missing.status).toBe(401)
    expect(await missing.text()).toMatch(/^Unauthorized\. Authorization header is required/)
    const wrongKey = 'sk_test_conformance_wrong_key'
    const wrong = await raw('/api/v1/pricing-models/default', { headers: { authorization: wrongKey } })
    expect(wrong.status).toBe(401)
    const text = await wrong.text()
    expect(text).not.toContain(wrongKey)
    expect(() => JSON.parse(text)).toThrow()
    const malformed = await raw('/api/v1/pricing-models/default', {
      headers: { authorization: `Token ${wrongKey}` },
    })
    expect(malformed.status).toBe(401)
    expect(await malformed.text()).toMatch(/^Either the API key was missing, or it was in an invalid format/)
  })

  it('answers an unknown route with a plain-text 404', async () => {
    const response = await raw('/api/v1/no-such-resource', authed())
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('Not Found')
  })

  it('answers a body that is not JSON with 400 `Invalid JSON in request body` and no code', async () => {
    const response = await raw('/api/v1/customers', authed({ method: 'POST', body: 'not json' }))
    expect(response.status).toBe(400)
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ error: 'Invalid JSON in request body' })
    expect(body.code).toBeUndefined()
  })

  it("puts a validation failure's zod issues in `error`", async () => {
    const error = await caught(target.client.post('/api/v1/customers', { body: { customer: { name: 'x' } } }))
    expect(error).toBeInstanceOf(BadRequestError)
    const body = bodyOf(error)
    expect(body.code).toBe('BAD_REQUEST')
    expect(Array.isArray(body.error)).toBe(true)
    const paths = (body.error as Array<{ path: unknown[] }>).map((issue) => issue.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['customer.externalId']))
  })
})

describe('customers (customersRouter, db-core customers unique index)', () => {
  it('a second live customer with the same externalId is 409 CONFLICT', async () => {
    const { externalId } = await signUp('dup')
    const error = await caught(
      target.client.customers.create({ customer: { externalId, email: 'dup@example.com', name: 'Dup' } }),
    )
    expect(error).toBeInstanceOf(ConflictError)
    expect(bodyOf(error)).toMatchObject({ code: 'CONFLICT' })
  })

  it('archive needs a JSON body, is idempotent, hides the externalId from lookups and frees it', async () => {
    const first = await signUp('archive')
    const path = `/api/v1/customers/${first.externalId}/archive`
    expect(bodyOf(await caught(target.client.post(path)))).toMatchObject({
      error: 'Invalid JSON in request body',
    })
    const archived = await target.client.post<{ customer: { id: string; archived: boolean } }>(path, {
      body: {},
    })
    expect(archived.customer).toMatchObject({ id: first.customer.id, archived: true })
    const again = await target.client.post<{ customer: { id: string; archived: boolean } }>(path, {
      body: {},
    })
    expect(again.customer).toMatchObject({ id: first.customer.id, archived: true })
    const lookup = await caught(target.client.customers.retrieve(first.externalId))
    expect(lookup).toBeInstanceOf(NotFoundError)
    expect(bodyOf(lookup)).toMatchObject({ error: `Customer with externalId ${first.externalId} not found` })
    expect(await caught(target.client.customers.retrieveBilling(first.externalId))).toBeInstanceOf(
      NotFoundError,
    )
    const { data } = await target.client.customers.create({
      customer: { externalId: first.externalId, email: 'again@example.com', name: 'Again' },
    })
    expect(data.customer.id).not.toBe(first.customer.id)
  })
})

describe('subscriptions (subscriptions/cancelSubscription.ts, adjustSubscription.ts, createSubscription)', () => {
  it('an unknown subscription id is a 500 carrying the unwrap panic', async () => {
    const error = await caught(target.client.subscriptions.retrieve('sub_conformance_missing'))
    expect(error).toBeInstanceOf(InternalServerError)
    expect(bodyOf(error)).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      error: expect.stringContaining('No subscriptions found with id: sub_conformance_missing'),
    })
  })

  it('the default free plan can be neither canceled nor adjusted', async () => {
    const { subscription } = await signUp('free')
    if (!subscription?.isFreePlan) return // the organisation's default plan is not free
    const cancel = await caught(
      target.client.subscriptions.cancel(subscription.id, { cancellation: { timing: 'immediately' } }),
    )
    expect(bodyOf(cancel)).toMatchObject({
      code: 'BAD_REQUEST',
      error:
        'Invalid subscription: Cannot cancel the default free plan. Please upgrade to a paid plan instead.',
    })
    const adjust = await caught(
      target.client.subscriptions.adjust(subscription.id, {
        adjustment: {
          timing: 'immediately',
          newSubscriptionItems: [{ priceId: subscription.priceId ?? '' }],
        },
      }),
    )
    expect(bodyOf(adjust)).toMatchObject({
      code: 'BAD_REQUEST',
      error:
        'Invalid subscription: Cannot adjust free plan subscriptions. Use createSubscription to upgrade from a free plan instead.',
    })
  })

  it('a paid subscription created without a card is incomplete and replaces the free plan', async () => {
    const paid = model.products
      .filter((p) => !p.default)
      .flatMap((p) => p.prices)
      .find((p) => p.type === 'subscription' && p.unitPrice > 0)
    const { externalId, subscription: free } = await signUp('paid')
    if (!paid || !free?.isFreePlan) return
    const { subscription } = await target.client.subscriptions.create({
      customerExternalId: externalId,
      priceId: paid.id,
    })
    expect(subscription).toMatchObject({ status: 'incomplete', current: false })
    const billing = await target.client.customers.retrieveBilling(externalId)
    expect(billing.subscriptions.find((s) => s.id === free.id)).toMatchObject({
      status: 'canceled',
      cancellationReason: 'upgraded_to_paid',
    })
  })
})

describe('usage events (utils/usage/usageEventHelpers.ts, db-core usageEvents unique index)', () => {
  it('are idempotent per transactionId and meter, and need a positive integer amount', async () => {
    const meter = model.usageMeters[0]
    const { subscription } = await signUp('usage')
    if (!meter || !subscription) return
    const event = (transactionId: string, amount: number) => ({
      usageEvent: { subscriptionId: subscription.id, usageMeterId: meter.id, amount, transactionId },
    })
    const zero = await caught(target.client.usageEvents.create(event('zero', 0)))
    expect(zero).toBeInstanceOf(BadRequestError)
    expect((bodyOf(zero).error as Array<{ path: unknown[] }>).map((i) => i.path.join('.'))).toContain(
      'usageEvent.amount',
    )
    const first = await target.client.usageEvents.create(event('once', 1))
    const repeat = await target.client.usageEvents.create(event('once', 1))
    expect(repeat.usageEvent.id).toBe(first.usageEvent.id)
  })
})
