import { TRPCClientError } from '@trpc/client'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type AppRouter, createTestApp, customerOf, type TestApp, testUser } from '../support/createTestApp'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ flowglad: { allowedRedirectOrigins: ['https://app.test'] } })
})
afterAll(() => app.close())
beforeEach(() => app.emulator.control.clearRequests())

const ok = { successUrl: 'https://app.test/s', cancelUrl: 'https://app.test/c' }

/** Invalid inputs, each with the procedure it goes to. */
const invalidCalls: Array<[string, (caller: ReturnType<TestApp['createCaller']>) => Promise<unknown>]> = [
  [
    'checkout.create with both priceId and priceSlug',
    (c) => c.flowglad.checkout.create({ ...ok, priceId: 'p', priceSlug: 's' }),
  ],
  [
    'checkout.create with a relative successUrl',
    (c) => c.flowglad.checkout.create({ ...ok, successUrl: '/s', priceSlug: 's' }),
  ],
  [
    'subscriptions.cancel with an unknown timing',
    (c) => c.flowglad.subscriptions.cancel({ cancellation: { timing: 'later' as 'immediately' } }),
  ],
  ['subscriptions.adjust with no price', (c) => c.flowglad.subscriptions.adjust({})],
  [
    'subscriptions.adjust with the legacy at_end_of_period timing',
    (c) =>
      c.flowglad.subscriptions.adjust({ priceSlug: 'pro_monthly', timing: 'at_end_of_period' as 'auto' }),
  ],
  ['subscriptions.list with an unknown key', (c) => c.flowglad.subscriptions.list({ nope: true } as never)],
  [
    'usageEvents.create with two meter identifiers',
    (c) => c.flowglad.usageEvents.create({ usageMeterSlug: 'a', priceSlug: 'b' }),
  ],
  [
    'usageEvents.create with a negative amount',
    (c) => c.flowglad.usageEvents.create({ usageMeterSlug: 'a', amount: -1 }),
  ],
  [
    'resources.claim with quantity and externalId',
    (c) => c.flowglad.resources.claim({ resourceSlug: 'seats', quantity: 1, externalId: 'x' }),
  ],
  [
    'resources.release with nothing to release',
    (c) => c.flowglad.resources.release({ resourceSlug: 'seats' } as never),
  ],
  ['invoices.list with a string limit', (c) => c.flowglad.invoices.list({ limit: '5' as unknown as number })],
  ['customer.update with an invalid email', (c) => c.flowglad.customer.update({ email: 'not-an-email' })],
  ['pricing.default with input', (c) => c.flowglad.pricing.default({ extra: 1 } as never)],
]

describe('invalid input', () => {
  it.each(invalidCalls)(
    '%s is BAD_REQUEST with the zod issues and zero upstream requests',
    async (_name, call) => {
      const error = await call(app.createCaller(testUser())).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'BAD_REQUEST' })
      expect(app.emulator.control.requests()).toEqual([])
    },
  )

  it('is an HTTP 400 whose error data carries the zod issues (app formatter)', async () => {
    const error = await app
      .createClient(testUser())
      .flowglad.usageEvents.create.mutate({ usageMeterSlug: 'a', priceSlug: 'b' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TRPCClientError)
    const data = (error as TRPCClientError<AppRouter>).data
    expect(data?.httpStatus).toBe(400)
    expect(data?.zodIssues).toContain(
      'Provide exactly one of priceId, priceSlug, usageMeterId or usageMeterSlug',
    )
    expect(app.emulator.control.requests()).toEqual([])
  })

  it('is BAD_REQUEST through the server API (forCustomer) too', async () => {
    const api = app.flowglad.forCustomer(customerOf(testUser()))
    await expect(api.usageEvents.create({ usageMeterSlug: 'a', amount: 0 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('amount'),
    })
    expect(app.emulator.control.requests()).toEqual([])
  })
})

describe('allowedRedirectOrigins', () => {
  it.each([
    ['successUrl', { ...ok, successUrl: 'https://evil.test/s' }],
    ['cancelUrl', { ...ok, cancelUrl: 'http://app.test/c' }],
  ])('rejects a %s on another origin with BAD_REQUEST and zero upstream requests', async (field, urls) => {
    const caller = app.createCaller(testUser())
    await expect(
      caller.flowglad.checkout.create({ priceSlug: 'pro_monthly', ...urls }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(field),
    })
    await expect(caller.flowglad.checkout.createAddPaymentMethod(urls)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    // Even with a target subscription to check, the origin is refused before any upstream call.
    await expect(
      caller.flowglad.checkout.createActivateSubscription({ ...urls, targetSubscriptionId: 'sub_1' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    expect(app.emulator.control.requests()).toEqual([])
  })

  it('accepts URLs on an allowed origin', async () => {
    const user = testUser()
    await app.flowglad.customers.findOrCreate(customerOf(user))
    const session = await app.createCaller(user).flowglad.checkout.create({ priceSlug: 'pro_monthly', ...ok })
    const client = await app.flowglad.client()
    expect((await client.checkoutSessions.retrieve(session.id)).checkoutSession).toMatchObject(ok)
  })
})
