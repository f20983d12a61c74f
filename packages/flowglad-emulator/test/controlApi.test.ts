import { APIConnectionError, InternalServerError } from '@flowglad/node'
import { afterEach, describe, expect, it } from 'vitest'
import { createRig, DAY, type EmulatorRig, signUp } from './support/emulatorRig'

let rig: EmulatorRig
afterEach(() => rig.close())

const control = (path: string, init: RequestInit = {}) =>
  fetch(`${rig.emulator.url}/_emulator/${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: rig.emulator.apiKey },
  })

describe('request log', () => {
  it('records every API request in order, in-process and over HTTP alike, but not control calls', async () => {
    rig = await createRig({ listen: true })
    await signUp(rig.client)
    await rig.client.customers.retrieveBilling('user_1')
    await rig.emulator.fetch(`${rig.emulator.url}/api/v1/pricing-models/default`, {
      headers: { authorization: rig.emulator.apiKey },
    })
    const response = await control('requests')
    const log = (await response.json()) as Array<{ method: string; path: string; status: number }>
    expect(log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'POST /api/v1/customers 200',
      'GET /api/v1/customers/user_1/billing 200',
      'GET /api/v1/pricing-models/default 200',
    ])
    expect(rig.emulator.control.requests({ path: /billing$/ })).toHaveLength(1)
    expect(rig.emulator.control.requests({ method: 'post' })).toHaveLength(1)
    await control('requests', { method: 'DELETE' })
    expect(rig.emulator.control.requests()).toEqual([])
  })
})

describe('control routes', () => {
  it('reset forgets customers; clock advance by days moves virtual time', async () => {
    rig = await createRig({ listen: true })
    await signUp(rig.client)
    const before = rig.emulator.control.now()
    const advanced = (await (
      await control('clock/advance', { method: 'POST', body: '{"days":2}' })
    ).json()) as {
      now: number
    }
    expect(advanced.now - before).toBeGreaterThanOrEqual(2 * DAY)
    expect((await control('reset', { method: 'POST' })).status).toBe(200)
    await expect(rig.client.customers.retrieve('user_1')).rejects.toMatchObject({ status: 404 })
  })

  it('completes a checkout session and dumps state', async () => {
    rig = await createRig({ listen: true })
    await signUp(rig.client)
    const { checkoutSession } = await rig.client.checkoutSessions.create({
      checkoutSession: {
        type: 'product',
        customerExternalId: 'user_1',
        priceSlug: 'credit_top_up_once',
        successUrl: 'https://app.example/ok',
        cancelUrl: 'https://app.example/no',
      },
    })
    const done = await control(`checkout-sessions/${checkoutSession.id}/complete`, { method: 'POST' })
    expect(done.status).toBe(200)
    const state = (await (await control('state')).json()) as { data: { purchases: unknown[] } }
    expect(state.data.purchases).toHaveLength(1)
  })

  it('rejects a malformed control body with 400 and issues', async () => {
    rig = await createRig({ listen: true })
    const response = await control('clock/advance', { method: 'POST', body: '{"ms":-5}' })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ code: 'BAD_REQUEST', error: expect.any(Array) })
  })
})

describe('faults', () => {
  it('an injected 503 is retried by the client, and every attempt is logged', async () => {
    rig = await createRig({ maxRetries: 2 })
    await signUp(rig.client)
    rig.emulator.control.clearRequests()
    rig.uncheckedStatuses.add(503)
    rig.emulator.control.injectFault({ match: { path: '/api/v1/customers/user_1' }, status: 503, times: 2 })
    const { customer } = await rig.client.customers.retrieve('user_1')
    expect(customer.externalId).toBe('user_1')
    expect(rig.emulator.control.requests().map((e) => e.status)).toEqual([503, 503, 200])
  })

  it('faults only hit matching requests and run out after `times`', async () => {
    rig = await createRig()
    await signUp(rig.client)
    rig.emulator.control.injectFault({ match: { method: 'GET', path: /billing$/ }, status: 500, times: 1 })
    await expect(rig.client.customers.retrieve('user_1')).resolves.toBeDefined()
    await expect(rig.client.customers.retrieveBilling('user_1')).rejects.toBeInstanceOf(InternalServerError)
    await expect(rig.client.customers.retrieveBilling('user_1')).resolves.toBeDefined()
  })

  it('a dropped connection in-process rejects the fetch like a network failure', async () => {
    rig = await createRig()
    rig.emulator.control.injectFault({ match: {}, drop: true, times: 1 })
    await expect(rig.client.pricingModels.retrieveDefault()).rejects.toBeInstanceOf(APIConnectionError)
    expect(rig.emulator.control.requests()[0]?.status).toBe(0)
  })

  it('a dropped connection over HTTP destroys the socket; faults can be set and cleared over HTTP', async () => {
    rig = await createRig({ listen: true })
    await control('faults', {
      method: 'POST',
      body: JSON.stringify({ match: { pathGlob: '/api/v1/pricing-models/*' }, drop: true }),
    })
    await expect(rig.client.pricingModels.retrieveDefault()).rejects.toBeInstanceOf(APIConnectionError)
    await control('faults', { method: 'POST', body: JSON.stringify({ match: {}, status: 502, times: 5 }) })
    await control('faults', { method: 'DELETE' })
    await expect(rig.client.pricingModels.retrieveDefault()).resolves.toBeDefined()
  })

  it('a regular expression (pathPattern) is a 400 naming it, and injects nothing', async () => {
    rig = await createRig({ listen: true })
    const response = await control('faults', {
      method: 'POST',
      body: JSON.stringify({ match: { pathPattern: '^(a+)+$' }, status: 503 }),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      code: 'BAD_REQUEST',
      error: [
        {
          path: ['match', 'pathPattern'],
          message: expect.stringContaining('use path (a prefix) or pathGlob'),
        },
      ],
    })
    await expect(rig.client.pricingModels.retrieveDefault()).resolves.toBeDefined()
  })

  it('latency delays the response without failing it', async () => {
    rig = await createRig()
    rig.emulator.control.injectFault({ match: {}, latencyMs: 60, times: 1 })
    await rig.client.pricingModels.retrieveDefault()
    expect(rig.emulator.control.requests()[0]?.durationMs).toBeGreaterThanOrEqual(50)
  })
})
