import { TRPCClientError } from '@trpc/client'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getFlowgladRefusal } from '../../../src/core'
import { createGatedApp, type GatedApp, gatedHttpClient } from '../../support/createGatedApp'
import { type TestUser, testUser } from '../../support/createTestApp'

// requireFeature and spend on a real tRPC router, the real @flowglad/node client and the emulator.

let emulator: Emulator
let app: GatedApp
beforeAll(async () => {
  emulator = await createEmulator({ listen: false })
  app = createGatedApp({
    flowglad: { apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch },
  })
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.control.clearRequests()
  emulator.control.clearFaults()
  app.events.length = 0
  app.handled.length = 0
})

const upstream = () =>
  emulator.control
    .requests()
    .map((r) => `${r.method} ${r.path.replace(/\/customers\/[^/]+/, '/customers/:id')}`)

/** The api_calls balance as Flowglad reports it. */
async function balance(user: TestUser): Promise<number> {
  const { usageMeterBalances } = await app.createCaller(user).flowglad.usageMeters.balances()
  return usageMeterBalances.find((meter) => meter.slug === 'api_calls')?.availableBalance ?? Number.NaN
}

/** A signed-up customer on the free plan (100 api_calls). */
async function freeCustomer(): Promise<TestUser> {
  const user = testUser()
  await app.createCaller(user).flowglad.customer.findOrCreate()
  return user
}

/** Upgrades the customer to Pro through a completed checkout. */
async function upgradeToPro(user: TestUser): Promise<void> {
  const session = await app.createCaller(user).flowglad.checkout.create({
    priceSlug: 'pro_monthly',
    successUrl: 'https://app.test/ok',
    cancelUrl: 'https://app.test/cancel',
  })
  emulator.control.completeCheckoutSession(session.id)
}

const httpClient = (user: TestUser) => gatedHttpClient(app, user)

describe('requireFeature', () => {
  it('refuses a plan without the feature: FORBIDDEN with the feature, the current plan and the prices that unlock it', async () => {
    const user = await freeCustomer()
    const error = await app
      .createCaller(user)
      .analytics.export()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'FORBIDDEN' })
    expect(getFlowgladRefusal(error)).toMatchObject({
      reason: 'feature_locked',
      feature: 'advanced_analytics',
      currentPlan: { productSlug: 'free', priceSlug: 'free_monthly' },
      unlockedBy: [
        { productSlug: 'pro', priceSlug: 'pro_monthly', priceType: 'subscription', unitPrice: 2000 },
      ],
    })
    expect(app.handled).toEqual([])
  })

  it('lets the call through once the plan has the feature', async () => {
    const user = await freeCustomer()
    await upgradeToPro(user)
    await expect(app.createCaller(user).analytics.export()).resolves.toBe('date,calls\n')
    expect(app.handled).toEqual(['export'])
  })

  it('costs no extra upstream call when the request already read billing', async () => {
    const user = await freeCustomer()
    await upgradeToPro(user)
    emulator.control.clearRequests()
    // One caller = one ctx = one request: the router's billing read is shared with the gate.
    const caller = app.createCaller(user)
    await caller.flowglad.billing.get()
    await caller.analytics.export()
    expect(upstream()).toEqual(['GET /api/v1/customers/:id/billing'])
  })

  it('is UNAUTHORIZED signed out, before any upstream call', async () => {
    await expect(app.createCaller(null).analytics.export()).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    expect(upstream()).toEqual([])
  })

  it('reaches the browser as typed data: getFlowgladRefusal reads the TRPCClientError', async () => {
    const user = await freeCustomer()
    const error = await httpClient(user)
      .analytics.export.query()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TRPCClientError)
    const refusal = getFlowgladRefusal(error)
    expect(refusal?.reason).toBe('feature_locked')
    if (refusal?.reason !== 'feature_locked') throw new Error('unreachable')
    expect(refusal.unlockedBy.map((offer) => offer.priceSlug)).toEqual(['pro_monthly'])
  })

  it('fails closed when Flowglad is unreachable: SERVICE_UNAVAILABLE, handler not run', async () => {
    const user = await freeCustomer()
    emulator.control.injectFault({
      match: { path: '/api/v1/customers/', method: 'GET' },
      drop: true,
      times: 3,
    })
    const error = await app
      .createCaller(user)
      .analytics.export()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' })
    expect(getFlowgladRefusal(error)).toEqual({ reason: 'billing_unavailable' })
    expect(app.handled).toEqual([])
    expect(app.events.map((event) => event.kind)).toEqual(['billing_unavailable'])
  })
})

describe('spend', () => {
  it('spends the amount computed from the input, recorded once', async () => {
    const user = await freeCustomer()
    await expect(app.createCaller(user).usage.callApi({ calls: 30 })).resolves.toEqual({ consumed: 30 })
    expect(await balance(user)).toBe(70)
  })

  it('costs at most 2 upstream calls: one balance read and one usage event', async () => {
    const user = await freeCustomer()
    emulator.control.clearRequests()
    await app.createCaller(user).usage.callApi({ calls: 1 })
    expect(upstream()).toEqual(['GET /api/v1/customers/:id/billing', 'POST /api/v1/usage-events'])
  })

  it('refuses an unaffordable call with the balance and what would top it up; nothing is recorded', async () => {
    const user = await freeCustomer()
    await app.createCaller(user).usage.callApi({ calls: 90 })
    const error = await app
      .createCaller(user)
      .usage.callApi({ calls: 20 })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'FORBIDDEN' })
    expect(getFlowgladRefusal(error)).toMatchObject({
      reason: 'insufficient_balance',
      usageMeter: 'api_calls',
      balance: 10,
      requested: 20,
      currentPlan: { productSlug: 'free' },
      topUps: [{ priceSlug: 'credit_top_up_once', priceType: 'single_payment' }],
      plans: [{ priceSlug: 'pro_monthly', priceType: 'subscription' }],
    })
    expect(app.handled).toEqual(['callApi:90'])
    expect(await balance(user)).toBe(10)
  })

  it('records nothing when the handler fails', async () => {
    const user = await freeCustomer()
    await expect(app.createCaller(user).usage.failing({ calls: 10 })).rejects.toMatchObject({
      message: 'handler failed',
    })
    expect(upstream().filter((line) => line.startsWith('POST /api/v1/usage-events'))).toEqual([])
    expect(await balance(user)).toBe(100)
    // The failed call's hold is released: the whole balance is spendable at once.
    await expect(app.createCaller(user).usage.callApi({ calls: 100 })).resolves.toEqual({ consumed: 100 })
  })

  it('counts a retried request once: the repeat is refused (CONFLICT, duplicate_request) and does not run', async () => {
    const user = await freeCustomer()
    const caller = app.createCaller(user)
    await caller.usage.callApi({ calls: 40, idempotencyKey: 'retry-me' })
    const repeat = await caller.usage.callApi({ calls: 40, idempotencyKey: 'retry-me' }).catch((e) => e)
    expect(repeat.code).toBe('CONFLICT')
    expect(getFlowgladRefusal(repeat)).toEqual({ reason: 'duplicate_request', state: 'completed' })
    expect(app.handled).toEqual(['callApi:40'])
    expect(await balance(user)).toBe(60)
    // A new key is a new spend.
    await caller.usage.callApi({ calls: 40, idempotencyKey: 'another' })
    expect(await balance(user)).toBe(20)
  })

  it('fails closed when Flowglad is unreachable: SERVICE_UNAVAILABLE, handler not run, nothing recorded', async () => {
    const user = await freeCustomer()
    emulator.control.injectFault({
      match: { path: '/api/v1/customers/', method: 'GET' },
      drop: true,
      times: 3,
    })
    const error = await app
      .createCaller(user)
      .usage.callApi({ calls: 5 })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' })
    expect(getFlowgladRefusal(error)).toEqual({ reason: 'billing_unavailable' })
    expect(app.handled).toEqual([])
  })
})

describe('failOpen', () => {
  it('lets gated calls through when Flowglad is unreachable, and reports what was not metered', async () => {
    const open = createGatedApp({
      flowglad: { apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch },
      onUnavailable: 'failOpen',
    })
    const user = await freeCustomer()
    emulator.control.injectFault({
      match: { path: '/api/v1/customers/', method: 'GET' },
      drop: true,
      times: 6,
    })
    await expect(open.createCaller(user).analytics.export()).resolves.toBe('date,calls\n')
    await expect(open.createCaller(user).usage.callApi({ calls: 5 })).resolves.toEqual({ consumed: 5 })
    expect(open.events.map((event) => [event.kind, event.amount])).toEqual([
      ['billing_unavailable', undefined],
      ['billing_unavailable', 5],
    ])
  })
})
