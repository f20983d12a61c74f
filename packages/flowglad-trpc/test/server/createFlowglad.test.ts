import { createEmulator } from 'flowglad-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFlowglad, FlowgladConfigurationError, getFlowgladErrorData } from '../../src/server'
import { createTestApp, customerOf, testUser } from '../support/createTestApp'

/** The first error of class `type` in `error`'s cause chain. */
function findCause<T>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let current = error; current instanceof Error; current = current.cause)
    if (current instanceof type) return current
  return undefined
}

describe('configuration', () => {
  it('needs no API key to be created in production (a build collecting page data): the first request says it is missing', async () => {
    expect(() => createFlowglad({ apiKey: '', environment: 'production' })).not.toThrow()
    const app = await createTestApp({ flowglad: { apiKey: undefined, environment: 'production' } })
    try {
      const response = await app.handle(
        new Request('http://app.test/api/trpc/flowglad.pricing.default?batch=1&input={}'),
        null,
      )
      expect(response.status).toBe(500)
      expect(await response.text()).toContain('FLOWGLAD_SECRET_KEY')
      expect(app.errors.map((error) => error.code)).toEqual(['INTERNAL_SERVER_ERROR'])
      expect(getFlowgladErrorData(app.errors[0])).toMatchObject({ failure: 'misconfigured' })
      expect(findCause(app.errors[0], FlowgladConfigurationError)).toBeDefined()
      // Still reported on every later request, not cached as a broken client.
      await app
        .createCaller(testUser())
        .flowglad.billing.get()
        .catch(() => {})
      expect(app.errors).toHaveLength(1) // createCaller errors do not reach onError
      await expect(app.createCaller(testUser()).flowglad.billing.get()).rejects.toThrow(/FLOWGLAD_SECRET_KEY/)
    } finally {
      await app.close()
    }
  })

  it('rejects an allowed redirect origin that is not an absolute URL at startup', () => {
    expect(() => createFlowglad({ apiKey: 'sk_test', allowedRedirectOrigins: ['app.example.com'] })).toThrow(
      FlowgladConfigurationError,
    )
  })

  it('runs the in-process emulator without an API key in development, and says so once', async () => {
    const lines: string[] = []
    const flowglad = createFlowglad({
      environment: 'development',
      emulator: { listen: false },
      logger: { info: (line) => lines.push(line) },
    })
    const customer = customerOf(testUser())
    const created = await flowglad.customers.findOrCreate(customer)
    const { pricingModel } = await flowglad.forCustomer(customer).pricing.default()
    expect(created.externalId).toBe(customer.externalId)
    expect(pricingModel.products.map((p) => p.slug)).toContain('pro')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/emulator/)
  })

  it('rejects a customer identity without an external id, before any request', async () => {
    const flowglad = createFlowglad({
      environment: 'development',
      emulator: { listen: false },
      logger: { info() {} },
    })
    await expect(
      flowglad.customers.findOrCreate({ externalId: '', email: 'a@b.test', name: 'A' }),
    ).rejects.toMatchObject({ message: expect.stringContaining('invalid customer identity') })
  })
})

describe('server API outside tRPC', () => {
  let emulator: Awaited<ReturnType<typeof createEmulator>>
  let flowglad: ReturnType<typeof createFlowglad>
  beforeAll(async () => {
    emulator = await createEmulator({ listen: false })
    flowglad = createFlowglad({ apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch })
  })
  afterAll(() => emulator.close())

  it('customers.findOrCreate creates once under concurrent calls (a sign-up hook racing the first page load)', async () => {
    const customer = customerOf(testUser())
    emulator.control.clearRequests()
    const results = await Promise.all(
      Array.from({ length: 10 }, () => flowglad.customers.findOrCreate(customer)),
    )
    expect(new Set(results.map((c) => c.id)).size).toBe(1)
    expect(emulator.control.requests({ method: 'POST', path: '/api/v1/customers' })).toHaveLength(1)
  })

  it('forCustomer exposes the procedures as methods and shares one billing read per handle', async () => {
    const api = flowglad.forCustomer(customerOf(testUser()))
    await api.billing.get()
    emulator.control.clearRequests()
    const [subscriptions, features, details] = await Promise.all([
      api.subscriptions.list(),
      api.features.access(),
      api.customer.get(),
    ])
    expect(subscriptions.currentSubscription).not.toBeNull()
    expect(features.features).toEqual([])
    expect(details.customer.email).toContain('@example.test')
    expect(emulator.control.requests()).toEqual([])
  })

  it('forCustomer writes invalidate the handle memo', async () => {
    const api = flowglad.forCustomer(customerOf(testUser()))
    const apiCalls = async () =>
      (await api.usageMeters.balances()).usageMeterBalances.find((b) => b.slug === 'api_calls')
        ?.availableBalance
    expect(await apiCalls()).toBe(100)
    await api.usageEvents.create({ usageMeterSlug: 'api_calls', amount: 10 })
    expect(await apiCalls()).toBe(90)
  })
})
