import { createEmulator } from 'flowglad-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFlowglad, FlowgladConfigurationError } from '../../src/server'
import { customerOf, testUser } from '../support/createTestApp'

describe('configuration', () => {
  it('fails at startup without an API key in production', () => {
    expect(() => createFlowglad({ apiKey: undefined, environment: 'production' })).toThrow(
      FlowgladConfigurationError,
    )
    expect(() => createFlowglad({ apiKey: '', environment: 'production' })).toThrow(/FLOWGLAD_SECRET_KEY/)
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
