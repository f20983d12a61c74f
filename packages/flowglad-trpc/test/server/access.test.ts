import { TRPCClientError } from '@trpc/client'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { actionPaths, getAction } from '../../src/core/actions'
import { type AppRouter, createTestApp, type TestApp, testUser } from '../support/createTestApp'
import { subscribeToPaidPlan } from '../support/paidPlan'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())
beforeEach(() => app.emulator.control.clearRequests())

const upstream = () => app.emulator.control.requests()

/** Minimal valid input per customer procedure, so the only failure left is authentication. */
const validInput: Record<string, unknown> = {
  'customer.update': { name: 'x' },
  'checkout.create': {
    priceSlug: 'pro_monthly',
    successUrl: 'https://a.test/s',
    cancelUrl: 'https://a.test/c',
  },
  'checkout.createAddPaymentMethod': { successUrl: 'https://a.test/s', cancelUrl: 'https://a.test/c' },
  'checkout.createActivateSubscription': {
    targetSubscriptionId: 'sub_x',
    successUrl: 'https://a.test/s',
    cancelUrl: 'https://a.test/c',
  },
  'subscriptions.cancel': { cancellation: { timing: 'immediately' } },
  'subscriptions.uncancel': {},
  'subscriptions.adjust': { priceSlug: 'pro_monthly' },
  'usageEvents.create': { usageMeterSlug: 'api_calls' },
  'resources.get': { resourceSlug: 'seats' },
  'resources.claim': { resourceSlug: 'seats', quantity: 1 },
  'resources.release': { resourceSlug: 'seats', quantity: 1 },
}

describe('signed out', () => {
  const customerPaths = actionPaths.filter((path) => getAction(path).access === 'customer')

  it.each(customerPaths)('%s is UNAUTHORIZED before any upstream call', async (path) => {
    const [group, name] = path.split('.') as [string, string]
    const caller = app.createCaller(null).flowglad as unknown as Record<
      string,
      Record<string, (input: unknown) => Promise<unknown>>
    >
    await expect(caller[group]?.[name]?.(validInput[path])).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    expect(upstream()).toEqual([])
  })

  it('pricing.default and pricing.get work without a session', async () => {
    const caller = app.createCaller(null)
    expect((await caller.flowglad.pricing.default()).pricingModel.id).toBeTruthy()
    expect((await caller.flowglad.pricing.get()).source).toBe('default')
  })

  it('reports UNAUTHORIZED over HTTP with status 401 and the app error formatter', async () => {
    const error = await app
      .createClient(null)
      .flowglad.billing.get.query()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TRPCClientError)
    const data = (error as TRPCClientError<AppRouter>).data
    expect(data?.httpStatus).toBe(401)
    expect(data?.app).toBe('test-app')
  })
})

describe("another customer's subscription", () => {
  it('cancel, uncancel and adjust are FORBIDDEN and change nothing upstream', async () => {
    const victim = app.createCaller(testUser('Victim'))
    const victimSub = (await victim.flowglad.subscriptions.list()).currentSubscription
    const attacker = app.createCaller(testUser('Mallory'))
    await attacker.flowglad.billing.get()
    app.emulator.control.clearRequests()

    const id = victimSub?.id
    await expect(
      attacker.flowglad.subscriptions.cancel({ id, cancellation: { timing: 'immediately' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(attacker.flowglad.subscriptions.uncancel({ id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
    await expect(
      attacker.flowglad.subscriptions.adjust({ subscriptionId: id, priceSlug: 'pro_monthly' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })

    expect(upstream().filter((r) => r.method !== 'GET')).toEqual([])
    expect((await victim.flowglad.subscriptions.list()).currentSubscription?.status).toBe('active')
  })

  it('resource claims, usage events and checkout targets are FORBIDDEN and change nothing', async () => {
    const victim = app.createCaller(testUser('Victim'))
    const subscriptionId = (await victim.flowglad.subscriptions.list()).currentSubscription?.id ?? ''
    const attacker = app.createCaller(testUser('Mallory'))
    await attacker.flowglad.billing.get()
    app.emulator.control.clearRequests()

    const forbidden = { code: 'FORBIDDEN' }
    await expect(
      attacker.flowglad.resources.claim({ subscriptionId, resourceSlug: 'seats', quantity: 1 }),
    ).rejects.toMatchObject(forbidden)
    await expect(
      attacker.flowglad.resources.release({ subscriptionId, resourceSlug: 'seats', quantity: 1 }),
    ).rejects.toMatchObject(forbidden)
    await expect(attacker.flowglad.resources.list({ subscriptionId })).rejects.toMatchObject(forbidden)
    await expect(attacker.flowglad.resources.claims({ subscriptionId })).rejects.toMatchObject(forbidden)
    await expect(
      attacker.flowglad.resources.get({ subscriptionId, resourceSlug: 'seats' }),
    ).rejects.toMatchObject(forbidden)
    await expect(
      attacker.flowglad.usageEvents.create({ subscriptionId, usageMeterSlug: 'api_calls' }),
    ).rejects.toMatchObject(forbidden)
    await expect(
      attacker.flowglad.checkout.createActivateSubscription({
        targetSubscriptionId: subscriptionId,
        successUrl: 'https://a.test/s',
        cancelUrl: 'https://a.test/c',
      }),
    ).rejects.toMatchObject(forbidden)

    expect(upstream().filter((r) => r.method !== 'GET')).toEqual([])
    const { resources } = await victim.flowglad.resources.list()
    expect(resources.find((r) => r.resourceSlug === 'seats')?.claimed).toBe(0)
    const balances = await victim.flowglad.usageMeters.balances()
    expect(balances.usageMeterBalances.find((b) => b.slug === 'api_calls')?.availableBalance).toBe(100)
  })
})

describe('the default free plan', () => {
  // Flowglad refuses both (platform/flowglad-next/src/subscriptions/cancelSubscription.ts and
  // adjustSubscription.ts, `isFreePlan`): the router says so in words, before any upstream write.
  it('cancel and adjust of the free plan are BAD_REQUEST with a readable message and send nothing', async () => {
    const user = testUser()
    const paid = await subscribeToPaidPlan(app, user)
    const caller = app.createCaller(user)
    // Ending the paid plan puts the customer back on the free plan.
    await caller.flowglad.subscriptions.cancel({ id: paid, cancellation: { timing: 'immediately' } })
    const free = (await caller.flowglad.subscriptions.list()).currentSubscription
    expect(free?.isFreePlan).toBe(true)
    app.emulator.control.clearRequests()
    await expect(caller.flowglad.subscriptions.adjust({ priceSlug: 'pro_monthly' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^Cannot adjust the free plan/),
    })
    await expect(
      caller.flowglad.subscriptions.cancel({ cancellation: { timing: 'immediately' } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Cannot cancel the default free plan. Please upgrade to a paid plan instead.',
    })
    expect(upstream().filter((r) => r.method !== 'GET')).toEqual([])
  })
})

describe('several current subscriptions', () => {
  it('a write without a subscription id is BAD_REQUEST and changes nothing; naming one works', async () => {
    const user = testUser()
    // Two checkouts opened on the free plan, both paid: two current subscriptions.
    const opener = app.createCaller(user)
    const checkout = {
      priceSlug: 'pro_monthly',
      successUrl: 'https://a.test/s',
      cancelUrl: 'https://a.test/c',
    }
    const sessions = [
      await opener.flowglad.checkout.create(checkout),
      await opener.flowglad.checkout.create(checkout),
    ]
    for (const session of sessions) app.emulator.control.completeCheckoutSession(session.id)
    const caller = app.createCaller(user)
    expect((await caller.flowglad.subscriptions.list()).currentSubscriptions).toHaveLength(2)
    app.emulator.control.clearRequests()

    const several = { code: 'BAD_REQUEST', message: expect.stringContaining('multiple active subscriptions') }
    await expect(caller.flowglad.subscriptions.adjust({ priceSlug: 'free_monthly' })).rejects.toMatchObject(
      several,
    )
    await expect(
      caller.flowglad.subscriptions.cancel({ cancellation: { timing: 'immediately' } }),
    ).rejects.toMatchObject(several)
    await expect(
      caller.flowglad.resources.claim({ resourceSlug: 'seats', quantity: 1 }),
    ).rejects.toMatchObject(several)
    expect(upstream().filter((r) => r.method !== 'GET')).toEqual([])

    const [, second] = (await caller.flowglad.subscriptions.list()).currentSubscriptions
    const { resources } = await caller.flowglad.resources.list({ subscriptionId: second?.id })
    expect(resources.find((r) => r.resourceSlug === 'seats')?.capacity).toBe(5)
  })
})
