import type Flowglad from '@flowglad/node'
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
} from '@flowglad/node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ConformanceRig, createConformanceRig, describeMismatches } from './support/conformanceClient'
import { type ConformanceFlow, conformanceFlow, DAY, URLS } from './support/conformanceFlow'

/**
 * Whole customer lifecycles driven only through `@flowglad/node`, with every JSON response the
 * emulator sends checked against Flowglad's OpenAPI spec (see support/openapi.ts). A spec mismatch
 * fails the test in `afterEach`, listed as `operation (METHOD path -> status): ajv error`.
 */

type Balance = { slug: string; availableBalance: number }
const covered = new Set<string>()
let rig: ConformanceRig
let client: Flowglad
let flow: ConformanceFlow

beforeEach(async () => {
  rig = await createConformanceRig()
  client = rig.client
  flow = conformanceFlow(rig)
})

afterEach(async () => {
  for (const x of rig.fetch.exchanges) covered.add(`${x.operation} ${x.status}`)
  await rig.close()
  expect(describeMismatches(rig.fetch.exchanges)).toEqual([])
})

describe('customers', () => {
  it('sign-up creates the customer on the default free plan', async () => {
    const { customer, subscription } = await flow.signUp()
    expect(customer).toMatchObject({ externalId: 'user_1', email: 'user_1@example.com', livemode: false })
    expect(subscription?.priceId).toBe(await flow.priceIdOf('free_monthly'))

    const retrieved = await client.customers.retrieve('user_1')
    expect(retrieved.customer.id).toBe(customer.id)
    const billing = await client.customers.retrieveBilling('user_1')
    expect(billing.customer.id).toBe(customer.id)
    expect(billing.currentSubscription).toMatchObject({ id: subscription?.id, status: 'active' })
    expect(billing.catalog).toEqual(billing.pricingModel)
    const features = billing.currentSubscription?.experimental?.featureItems.map((f) => f.slug)
    expect(features).toEqual(expect.arrayContaining(['free_credits', 'team_seats_free']))
  })

  it('update changes the stored customer', async () => {
    await flow.signUp()
    const { customer } = await client.customers.update('user_1', { customer: { name: 'Ada Lovelace' } })
    expect(customer.name).toBe('Ada Lovelace')
    expect((await client.customers.retrieve('user_1')).customer.name).toBe('Ada Lovelace')
  })
})

describe('customer lifecycle edges', () => {
  it('archiving a customer marks it archived and ends its subscription', async () => {
    const { subscription } = await flow.signUp()
    const { customer } = await client.post<{ customer: { archived: boolean } }>(
      '/api/v1/customers/user_1/archive',
      { body: {} },
    )
    expect(customer.archived).toBe(true)
    expect((await client.subscriptions.retrieve(subscription?.id ?? '')).subscription.status).toBe('canceled')
  })

  it('archive needs a JSON body (Flowglad reads one on every POST but uncancel)', async () => {
    await flow.signUp()
    const error = await client.post('/api/v1/customers/user_1/archive').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadRequestError)
    expect((error as BadRequestError).error).toMatchObject({ error: 'Invalid JSON in request body' })
    expect((await client.customers.retrieve('user_1')).customer.archived).toBe(false)
  })

  it('an archived externalId is unknown to lookups, archiving again is a no-op, and it can be reused', async () => {
    const first = await flow.signUp()
    const archive = () =>
      client.post<{ customer: { id: string; archived: boolean } }>('/api/v1/customers/user_1/archive', {
        body: {},
      })
    await archive()
    expect((await archive()).customer).toMatchObject({ id: first.customer.id, archived: true })
    await expect(client.customers.retrieve('user_1')).rejects.toBeInstanceOf(NotFoundError)
    await expect(client.customers.retrieveBilling('user_1')).rejects.toBeInstanceOf(NotFoundError)
    const second = await flow.signUp()
    expect(second.customer.id).not.toBe(first.customer.id)
    expect((await client.customers.retrieveBilling('user_1')).customer.id).toBe(second.customer.id)
  })

  it('a second live customer with the same externalId is a 409 CONFLICT', async () => {
    await flow.signUp()
    const error = await flow.signUp().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as ConflictError).error).toMatchObject({ code: 'CONFLICT' })
  })

  it('subscriptions.create subscribes a customer to a price directly', async () => {
    const { customer } = await flow.signUp()
    const priceId = await flow.priceIdOf('pro_monthly')
    const { subscription } = await client.subscriptions.create({ customerId: customer.id, priceId })
    expect(subscription.priceId).toBe(priceId)
    expect((await client.subscriptions.retrieve(subscription.id)).subscription.id).toBe(subscription.id)
  })

  it('usage balances can be scoped to one subscription', async () => {
    const { subscription } = await flow.signUp()
    const { usageMeterBalances } = await client.get<{ usageMeterBalances: Balance[] }>(
      '/api/v1/customers/user_1/usage-balances',
      { query: { subscriptionId: subscription?.id } },
    )
    expect(usageMeterBalances.map((b) => b.slug)).toEqual(['api_calls'])
  })
})

describe('pricing models', () => {
  it('serves the default model with its slugs, also by id', async () => {
    const { pricingModel } = await client.pricingModels.retrieveDefault()
    expect(pricingModel.products.map((p) => p.slug)).toEqual(
      expect.arrayContaining(['free', 'pro', 'credit_top_up']),
    )
    const byId = await client.pricingModels.retrieve(pricingModel.id)
    expect(byId.pricingModel.id).toBe(pricingModel.id)
  })
})

describe('checkout', () => {
  it('a completed product checkout moves the customer to the paid plan', async () => {
    await flow.signUp()
    const { checkoutSession, url } = await client.checkoutSessions.create({
      checkoutSession: { type: 'product', customerExternalId: 'user_1', priceSlug: 'pro_monthly', ...URLS },
    })
    expect(url.startsWith(rig.emulator.url)).toBe(true)
    expect((await client.checkoutSessions.retrieve(checkoutSession.id)).checkoutSession.status).toBe('open')

    rig.emulator.control.completeCheckoutSession(checkoutSession.id)
    expect((await client.checkoutSessions.retrieve(checkoutSession.id)).checkoutSession.status).toBe(
      'succeeded',
    )
    const billing = await client.customers.retrieveBilling('user_1')
    expect(billing.currentSubscription?.priceId).toBe(await flow.priceIdOf('pro_monthly'))
    expect(billing.paymentMethods.length).toBeGreaterThan(0)
    expect(billing.invoices.length).toBeGreaterThan(0)
    const features = billing.currentSubscription?.experimental?.featureItems.map((f) => f.slug)
    expect(features).toEqual(expect.arrayContaining(['advanced_analytics', 'pro_credits', 'team_seats']))
  })

  it('a single-payment checkout records a purchase and grants its credits', async () => {
    await flow.signUp()
    const before = await flow.meterBalance()
    await flow.checkout('user_1', 'credit_top_up_once')
    const billing = await client.customers.retrieveBilling('user_1')
    expect(billing.purchases).toHaveLength(1)
    expect(await flow.meterBalance()).toBe((before ?? 0) + 500)
  })

  it('an activate-subscription checkout targets the given subscription', async () => {
    const { subscription } = await flow.signUp()
    const { checkoutSession } = await client.checkoutSessions.create({
      checkoutSession: {
        type: 'activate_subscription',
        customerExternalId: 'user_1',
        targetSubscriptionId: subscription?.id ?? '',
        ...URLS,
      },
    })
    expect(checkoutSession).toMatchObject({
      type: 'activate_subscription',
      targetSubscriptionId: subscription?.id,
    })
  })

  it('an add-payment-method checkout is created for the customer', async () => {
    await flow.signUp()
    const { checkoutSession } = await client.checkoutSessions.create({
      checkoutSession: { type: 'add_payment_method', customerExternalId: 'user_1', ...URLS },
    })
    expect(checkoutSession.type).toBe('add_payment_method')
  })
})

describe('usage', () => {
  it('a usage event decrements the balance once, however often it is retried', async () => {
    const { subscription } = await flow.signUp()
    const subscriptionId = subscription?.id ?? ''
    const before = await flow.meterBalance()
    const event = { subscriptionId, usageMeterSlug: 'api_calls', amount: 7, transactionId: 'tx-1' }
    const first = await client.usageEvents.create({ usageEvent: event })
    const retry = await client.usageEvents.create({ usageEvent: event })
    expect(retry.usageEvent.id).toBe(first.usageEvent.id)
    expect((await client.usageEvents.retrieve(first.usageEvent.id)).usageEvent.amount).toBe(7)
    expect(await flow.meterBalance()).toBe((before ?? 0) - 7)
  })

  it('bulk usage events are all recorded', async () => {
    const { subscription } = await flow.signUp()
    const subscriptionId = subscription?.id ?? ''
    const before = await flow.meterBalance()
    const usageEvents = [1, 2, 3].map((amount) => ({
      subscriptionId,
      usageMeterSlug: 'api_calls',
      amount,
      transactionId: `bulk-${amount}`,
    }))
    await client.post('/api/v1/usage-events/bulk', { body: { usageEvents } })
    expect(await flow.meterBalance()).toBe((before ?? 0) - 6)
  })

  it('advancing the clock past the period renews it and refreshes the credits', async () => {
    const { subscription } = await flow.signUp()
    const before = await flow.meterBalance()
    await flow.spend(subscription?.id, 30, 't')
    const periodStart = (await flow.currentSubscription()).currentBillingPeriodStart ?? 0
    rig.emulator.control.advanceClock(32 * DAY)
    expect((await flow.currentSubscription()).currentBillingPeriodStart).toBeGreaterThan(periodStart)
    expect(await flow.meterBalance()).toBe(before)
  })
})

describe('subscriptions', () => {
  it('cancel at period end schedules, uncancel restores, cancel immediately ends', async () => {
    await flow.signUp()
    await flow.checkout('user_1', 'pro_monthly')
    const { id } = await flow.currentSubscription()
    const scheduled = await client.subscriptions.cancel(id, {
      cancellation: { timing: 'at_end_of_current_billing_period' },
    })
    expect(scheduled.subscription.status).toBe('cancellation_scheduled')
    expect((await client.subscriptions.uncancel(id)).subscription.status).toBe('active')
    const ended = await client.subscriptions.cancel(id, { cancellation: { timing: 'immediately' } })
    expect(ended.subscription.status).toBe('canceled')
    expect((await client.subscriptions.retrieve(id)).subscription.status).toBe('canceled')
  })

  it('adjust: a downgrade under auto waits for the period end, an upgrade applies now, the free plan refuses', async () => {
    await flow.signUp()
    await flow.checkout('user_1', 'pro_monthly')
    const { id } = await flow.currentSubscription()
    const up = await client.subscriptions.adjust(id, {
      adjustment: { timing: 'auto', newSubscriptionItems: [{ priceSlug: 'pro_monthly', quantity: 2 }] },
    })
    expect(up).toMatchObject({ isUpgrade: true, resolvedTiming: 'immediately' })
    const down = await client.subscriptions.adjust(id, {
      adjustment: { timing: 'auto', newSubscriptionItems: [{ priceSlug: 'free_monthly', quantity: 1 }] },
    })
    expect(down).toMatchObject({ isUpgrade: false, resolvedTiming: 'at_end_of_current_billing_period' })
    expect((await flow.currentSubscription()).priceId).toBe(await flow.priceIdOf('pro_monthly'))

    rig.emulator.control.advanceClock(32 * DAY)
    const after = await flow.currentSubscription()
    expect(after.subscriptionItems.map((item) => item.priceId)).toEqual([
      await flow.priceIdOf('free_monthly'),
    ])

    const refused = await client.subscriptions
      .adjust(after.id, {
        adjustment: { timing: 'auto', newSubscriptionItems: [{ priceSlug: 'pro_monthly', quantity: 1 }] },
      })
      .catch((e: unknown) => e)
    // Flowglad's domain errors reach the wire as 500s (FlowgladApiError.ts `domainError`).
    expect(refused).toBeInstanceOf(InternalServerError)
    expect((refused as InternalServerError).error).toMatchObject({
      error:
        'Unwrap called on Err: ValidationError: Invalid subscription: Cannot adjust free plan subscriptions. Use createSubscription to upgrade from a free plan instead.',
    })
  })
})

describe('resource claims', () => {
  it('claims and releases seats within the plan capacity', async () => {
    await flow.signUp()
    await flow.checkout('user_1', 'pro_monthly')
    const { id } = await flow.currentSubscription()
    const claimed = await client.resourceClaims.claim(id, { resourceSlug: 'seats', quantity: 2 })
    expect(claimed.usage).toMatchObject({ resourceSlug: 'seats', capacity: 5, claimed: 2, available: 3 })
    await client.resourceClaims.claim(id, { resourceSlug: 'seats', externalIds: ['ada', 'bob'] })

    const released = await client.resourceClaims.release(id, { resourceSlug: 'seats', externalIds: ['ada'] })
    expect(released.releasedClaims.map((c) => c.externalId)).toEqual(['ada'])
    expect(released.usage).toMatchObject({ claimed: 3, available: 2 })

    const usage = await client.resourceClaims.retrieveUsage(id, { resourceSlug: 'seats' })
    expect(usage.usage.claimed).toBe(3)
    const usages = await client.resourceClaims.listUsages(id)
    expect(usages.map((u) => u.usage.resourceSlug)).toContain('seats')
    const { claims } = await client.get<{ claims: unknown[] }>(`/api/v1/resource-claims/${id}/claims`, {
      query: { resourceSlug: 'seats' },
    })
    expect(claims).toHaveLength(3)
  })

  it('refuses a claim over capacity with a 400 and claims nothing', async () => {
    await flow.signUp()
    await flow.checkout('user_1', 'pro_monthly')
    const { id } = await flow.currentSubscription()
    const overClaim = client.resourceClaims.claim(id, { resourceSlug: 'seats', quantity: 6 })
    await expect(overClaim).rejects.toBeInstanceOf(BadRequestError)
    expect(
      (await client.resourceClaims.listUsages(id)).find((u) => u.usage.resourceSlug === 'seats')?.usage,
    ).toMatchObject({ claimed: 0 })
  })
})

describe('errors', () => {
  it('an unknown customer is a 404 NOT_FOUND', async () => {
    await expect(client.customers.retrieve('nobody')).rejects.toBeInstanceOf(NotFoundError)
    await expect(client.customers.retrieveBilling('nobody')).rejects.toBeInstanceOf(NotFoundError)
  })

  it('an unknown subscription id is the 500 Flowglad panics with, naming the lookup', async () => {
    await flow.signUp()
    const missing = 'sub_missing'
    const panics = [
      client.subscriptions.retrieve(missing),
      client.subscriptions.cancel(missing, { cancellation: { timing: 'immediately' } }),
      client.resourceClaims.claim(missing, { resourceSlug: 'seats', quantity: 1 }),
      client.usageEvents.create({
        usageEvent: { subscriptionId: missing, usageMeterSlug: 'api_calls', amount: 1, transactionId: 'm' },
      }),
    ]
    for (const call of panics) {
      const error = await call.catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InternalServerError)
      expect((error as InternalServerError).error).toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
        error: expect.stringContaining(`NotFoundError: No subscriptions found with id: ${missing}`),
      })
    }
    // adjust unwraps its preview's domain NotFoundError: a 500 too.
    const adjust = await client.subscriptions
      .adjust(missing, {
        adjustment: { timing: 'immediately', newSubscriptionItems: [{ priceSlug: 'pro_monthly' }] },
      })
      .catch((e: unknown) => e)
    expect(adjust).toBeInstanceOf(InternalServerError)
    expect((adjust as InternalServerError).error).toMatchObject({
      error: `Unwrap called on Err: NotFoundError: Subscription not found: ${missing}`,
    })
    // A product checkout for an unknown customer: by slug or by id, a ValidationError, so a 500.
    await expect(flow.checkout('nobody', 'pro_monthly')).rejects.toBeInstanceOf(InternalServerError)
    const byId = client.checkoutSessions.create({
      checkoutSession: {
        type: 'product',
        customerExternalId: 'nobody',
        priceId: await flow.priceIdOf('pro_monthly'),
        ...URLS,
      },
    })
    await expect(byId).rejects.toBeInstanceOf(InternalServerError)
  })

  it('a malformed body is a 400 with issues and changes nothing', async () => {
    const { subscription } = await flow.signUp()
    const before = await flow.meterBalance()
    const bad = client.post('/api/v1/usage-events', {
      body: { usageEvent: { subscriptionId: subscription?.id, amount: 'lots' } },
    })
    const error = await bad.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadRequestError)
    const body = (error as BadRequestError).error as { error: Array<{ path: unknown[]; message: string }> }
    expect(body.error.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([
        ['usageEvent', 'amount'],
        ['usageEvent', 'transactionId'],
      ]),
    )
    expect(await flow.meterBalance()).toBe(before)
  })

  it('a wrong API key is a 401 that never echoes the key', async () => {
    const { default: FlowgladClient } = await import('@flowglad/node')
    const intruder = new FlowgladClient({
      apiKey: 'sk_test_not_the_key',
      baseURL: rig.emulator.url,
      fetch: rig.fetch,
      maxRetries: 0,
    })
    const error = await intruder.customers.retrieve('user_1').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    // Flowglad answers a refused key in plain text, never JSON, and never echoes the key.
    const exchange = rig.fetch.exchanges.at(-1)
    expect(exchange?.body).toMatch(/^API key invalid\. /)
    expect(String(exchange?.body)).not.toContain('sk_test_not_the_key')
    expect(String((error as AuthenticationError).message)).not.toContain('sk_test_not_the_key')
  })
})

describe('injected faults', () => {
  it("an injected 500 has Flowglad's error body, and the client retry then succeeds", async () => {
    await flow.signUp()
    rig.emulator.control.injectFault({
      match: { method: 'GET', path: '/api/v1/customers/user_1/billing' },
      status: 500,
      times: 1,
    })
    const { default: FlowgladClient } = await import('@flowglad/node')
    const retrying = new FlowgladClient({
      apiKey: rig.emulator.apiKey,
      baseURL: rig.emulator.url,
      fetch: rig.fetch,
      maxRetries: 1,
    })
    await retrying.customers.retrieveBilling('user_1')
    expect(rig.fetch.exchanges.slice(-2).map((x) => [x.operation, x.status])).toEqual([
      ['customers-getBilling', 500],
      ['customers-getBilling', 200],
    ])
  })
})

describe('over real HTTP', () => {
  it('serves the same conformant responses through the node:http server', async () => {
    await rig.close()
    rig = await createConformanceRig({ overHttp: true })
    client = rig.client
    flow = conformanceFlow(rig)
    expect(rig.emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const { subscription } = await flow.signUp('http_user')
    await client.customers.retrieveBilling('http_user')
    await flow.spend(subscription?.id, 1, 'h')
    await expect(client.customers.retrieve('nobody')).rejects.toBeInstanceOf(NotFoundError)
    expect(rig.fetch.exchanges.map((x) => x.status)).toEqual([200, 200, 200, 404])
  })
})

// Reads what the tests above recorded, so it must stay last in this file (vitest runs a file in order).
describe('coverage', () => {
  it('validated every customer-facing operation, success and error statuses', () => {
    const expected = [
      'customers-create 200',
      'customers-get 200',
      'customers-get 404',
      'customers-update 200',
      'customers-getBilling 200',
      'customers-getBilling 404',
      'customers-getBilling 500',
      'customers-create 409',
      'customers-archive 400',
      'customers-getUsageBalances 200',
      'customers-archive 200',
      'subscriptions-create 200',
      'pricingModels-getDefault 200',
      'pricingModels-get 200',
      'checkoutSessions-create 200',
      'checkoutSessions-get 200',
      'subscriptions-get 200',
      'subscriptions-get 500',
      'subscriptions-cancel 200',
      'subscriptions-uncancel 200',
      'subscriptions-adjust 200',
      'usageEvents-create 200',
      'usageEvents-create 400',
      'usageEvents-get 200',
      'usageEvents-bulkInsert 200',
      'resourceClaims-claim 200',
      'resourceClaims-claim 400',
      'resourceClaims-release 200',
      'resourceClaims-getUsage 200',
      'resourceClaims-listResourceUsages 200',
      'resourceClaims-listClaims 200',
    ]
    expect(expected.filter((op) => !covered.has(op))).toEqual([])
    expect([...covered].some((op) => op.endsWith(' 401'))).toBe(true)
  })
})
