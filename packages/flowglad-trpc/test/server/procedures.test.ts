import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp, testUser } from '../support/createTestApp'
import { subscribeToPaidPlan } from '../support/paidPlan'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())

const redirects = { successUrl: 'https://app.test/success', cancelUrl: 'https://app.test/cancel' }

describe('reads over createCaller', () => {
  it('billing.get creates a new customer on the default free plan and returns the billing payload', async () => {
    const user = testUser('Grace')
    const billing = await app.createCaller(user).flowglad.billing.get()
    expect(billing.customer.externalId).toBe(user.id)
    expect(billing.customer.email).toBe(user.email)
    expect(billing.currentSubscriptions?.map((s) => s.priceId)).toHaveLength(1)
    expect(billing.pricingModel.products.map((p) => p.slug)).toContain('pro')
  })

  it('customer.get returns CustomerDetails with ISO timestamps', async () => {
    const user = testUser('Linus')
    const { customer } = await app.createCaller(user).flowglad.customer.get()
    expect(customer).toMatchObject({ externalId: user.id, email: user.email, name: 'Linus' })
    expect(new Date(customer.createdAt).toISOString()).toBe(customer.createdAt)
    expect(Object.keys(customer).sort()).toEqual(
      ['createdAt', 'email', 'externalId', 'id', 'livemode', 'name', 'updatedAt'].sort(),
    )
  })

  it('subscriptions.list returns current subscriptions and the single current one', async () => {
    const caller = app.createCaller(testUser())
    const list = await caller.flowglad.subscriptions.list()
    expect(list.currentSubscriptions).toHaveLength(1)
    expect(list.currentSubscription?.id).toBe(list.currentSubscriptions[0]?.id)
    expect(list.subscriptions).toEqual(list.currentSubscriptions)
    const historical = await caller.flowglad.subscriptions.list({ includeHistorical: true })
    expect(historical.subscriptions.length).toBeGreaterThanOrEqual(1)
  })

  it('usageMeters.balances lists the free plan credits on api_calls', async () => {
    const { usageMeterBalances } = await app.createCaller(testUser()).flowglad.usageMeters.balances()
    expect(usageMeterBalances.find((b) => b.slug === 'api_calls')?.availableBalance).toBe(100)
  })

  it('features.access lists toggle features only (none on the free plan)', async () => {
    const { features } = await app.createCaller(testUser()).flowglad.features.access()
    expect(features).toEqual([])
  })

  it('paymentMethods, invoices and purchases list from the billing payload', async () => {
    const caller = app.createCaller(testUser())
    const methods = await caller.flowglad.paymentMethods.list()
    expect(methods.paymentMethods).toEqual([])
    expect(typeof methods.billingPortalUrl).toBe('string')
    expect((await caller.flowglad.invoices.list({ limit: 5 })).invoices).toBeInstanceOf(Array)
    expect((await caller.flowglad.purchases.list()).purchases).toBeInstanceOf(Array)
  })

  it('pricing.default is the default model; pricing.get says whose model it is', async () => {
    const signedOut = app.createCaller(null)
    const { pricingModel } = await signedOut.flowglad.pricing.default()
    expect(pricingModel.products.map((p) => p.slug).sort()).toEqual(['credit_top_up', 'free', 'pro'])
    expect((await signedOut.flowglad.pricing.get()).source).toBe('default')
    const mine = await app.createCaller(testUser()).flowglad.pricing.get()
    expect(mine.source).toBe('customer')
    expect(mine.pricingModel.id).toBe(pricingModel.id)
  })
})

describe('writes over createCaller', () => {
  it('customer.findOrCreate returns the same customer every time', async () => {
    const caller = app.createCaller(testUser())
    const first = await caller.flowglad.customer.findOrCreate()
    const second = await caller.flowglad.customer.findOrCreate()
    expect(second.customer.id).toBe(first.customer.id)
  })

  it('customer.update changes the resolved customer', async () => {
    const caller = app.createCaller(testUser())
    const { customer } = await caller.flowglad.customer.update({ name: 'Renamed' })
    expect(customer.name).toBe('Renamed')
    expect((await caller.flowglad.customer.get()).customer.name).toBe('Renamed')
  })

  it('checkout.create returns { id, url } for a price slug', async () => {
    const session = await app.createCaller(testUser()).flowglad.checkout.create({
      priceSlug: 'pro_monthly',
      autoRedirect: true,
      ...redirects,
    })
    expect(Object.keys(session).sort()).toEqual(['id', 'url'])
    expect(session.url).toMatch(/^https?:\/\//)
  })

  it('checkout.createAddPaymentMethod and createActivateSubscription target the own subscription', async () => {
    const caller = app.createCaller(testUser())
    const { currentSubscription } = await caller.flowglad.subscriptions.list()
    const target = { targetSubscriptionId: currentSubscription?.id ?? '' }
    const addPaymentMethod = await caller.flowglad.checkout.createAddPaymentMethod({
      ...redirects,
      ...target,
    })
    const activate = await caller.flowglad.checkout.createActivateSubscription({ ...redirects, ...target })
    // Read back from Flowglad (the emulator) what each session was created as.
    const client = await app.flowglad.client()
    const stored = async (id: string) => (await client.checkoutSessions.retrieve(id)).checkoutSession
    expect(await stored(addPaymentMethod.id)).toMatchObject({
      type: 'add_payment_method',
      ...target,
      ...redirects,
    })
    expect(await stored(activate.id)).toMatchObject({
      type: 'activate_subscription',
      ...target,
      ...redirects,
    })
  })

  it('usageEvents.create defaults subscription, amount and transactionId, and the balance drops', async () => {
    const caller = app.createCaller(testUser())
    const { usageEvent } = await caller.flowglad.usageEvents.create({ usageMeterSlug: 'api_calls' })
    expect(usageEvent.amount).toBe(1)
    // A fresh UUID per call (Flowglad's SDK: a nanoid), so client retries are recorded once.
    expect(usageEvent.transactionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    const { usageMeterBalances } = await caller.flowglad.usageMeters.balances()
    expect(usageMeterBalances.find((b) => b.slug === 'api_calls')?.availableBalance).toBe(99)
  })

  it('usageEvents.create with the same transactionId records once', async () => {
    const caller = app.createCaller(testUser())
    const event = { usageMeterSlug: 'api_calls', amount: 5, transactionId: 'tx-retry-1' }
    const first = await caller.flowglad.usageEvents.create(event)
    const again = await caller.flowglad.usageEvents.create(event)
    expect(again.usageEvent.id).toBe(first.usageEvent.id)
    const { usageMeterBalances } = await caller.flowglad.usageMeters.balances()
    expect(usageMeterBalances.find((b) => b.slug === 'api_calls')?.availableBalance).toBe(95)
  })

  it('subscriptions.cancel schedules the cancellation and uncancel undoes it', async () => {
    const user = testUser()
    await subscribeToPaidPlan(app, user)
    const caller = app.createCaller(user)
    const canceled = await caller.flowglad.subscriptions.cancel({
      cancellation: { timing: 'at_end_of_current_billing_period' },
    })
    expect(canceled.subscription.status).toBe('cancellation_scheduled')
    const uncanceled = await caller.flowglad.subscriptions.uncancel({})
    expect(uncanceled.subscription.status).toBe('active')
    // Nothing scheduled any more: uncancel is a no-op, like Flowglad's SDK.
    expect((await caller.flowglad.subscriptions.uncancel({})).subscription.status).toBe('active')
  })

  it('subscriptions.cancel immediately, then again, is a CONFLICT', async () => {
    const user = testUser()
    const id = await subscribeToPaidPlan(app, user)
    const caller = app.createCaller(user)
    await caller.flowglad.subscriptions.cancel({ id, cancellation: { timing: 'immediately' } })
    await expect(
      caller.flowglad.subscriptions.cancel({ id, cancellation: { timing: 'immediately' } }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    })
  })

  it('subscriptions.adjust changes a paid subscription', async () => {
    const user = testUser()
    await subscribeToPaidPlan(app, user)
    const caller = app.createCaller(user)
    const adjusted = await caller.flowglad.subscriptions.adjust({
      priceSlug: 'pro_monthly',
      quantity: 2,
      timing: 'immediately',
    })
    expect(adjusted.resolvedTiming).toBe('immediately')
    const { features } = await caller.flowglad.features.access()
    expect(features.map((f) => f.slug)).toContain('advanced_analytics')
  })

  it('resources: list, get, claim, claims and release on the current subscription', async () => {
    const caller = app.createCaller(testUser())
    const { resources } = await caller.flowglad.resources.list()
    expect(resources.find((r) => r.resourceSlug === 'seats')).toMatchObject({ capacity: 1, claimed: 0 })
    const claimed = await caller.flowglad.resources.claim({ resourceSlug: 'seats', externalId: 'seat-ada' })
    expect(claimed.usage).toMatchObject({ claimed: 1, available: 0 })
    const { claims } = await caller.flowglad.resources.claims({ resourceSlug: 'seats' })
    expect(claims.map((c) => c.externalId)).toEqual(['seat-ada'])
    expect((await caller.flowglad.resources.get({ resourceSlug: 'seats' })).usage.claimed).toBe(1)
    const released = await caller.flowglad.resources.release({
      resourceSlug: 'seats',
      externalId: 'seat-ada',
    })
    expect(released.releasedClaims).toHaveLength(1)
    expect(released.usage.claimed).toBe(0)
  })
})

describe('over HTTP (fetch adapter + httpBatchLink + superjson)', () => {
  it('serves reads and writes through the app handler', async () => {
    const client = app.createClient(testUser())
    const [billing, pricing, posts] = await Promise.all([
      client.flowglad.billing.get.query(),
      client.flowglad.pricing.default.query(),
      client.posts.list.query(),
    ])
    expect(billing.currentSubscription?.id).toBeTruthy()
    expect(pricing.pricingModel.id).toBe(billing.pricingModel.id)
    // superjson still applies to the app's own procedures beside Flowglad's.
    expect(posts[0]?.at).toBeInstanceOf(Date)
    const event = await client.flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls', amount: 3 })
    expect(event.usageEvent.amount).toBe(3)
    const session = await client.flowglad.checkout.create.mutate({ priceSlug: 'pro_monthly', ...redirects })
    expect(session.url).toMatch(/^https?:\/\//)
  })

  it('runs the app middleware before Flowglad procedures', async () => {
    app.calls.length = 0
    await app.createClient(testUser()).flowglad.pricing.default.query()
    expect(app.calls).toEqual(['flowglad.pricing.default'])
  })
})
