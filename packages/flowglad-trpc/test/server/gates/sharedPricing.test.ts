import { createEmulator, type Emulator } from 'flowglad-emulator'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createRedisStore, type FlowgladStore } from '../../../src/server'
import { createTestApp } from '../../support/createTestApp'
import { startRedis, type TestRedis } from '../../support/redis'

// Issue #10.3: N cold instances (separate `createFlowglad` runtimes, no memory in common) sharing one
// real Redis fetch the default pricing model from Flowglad once between them.

let emulator: Emulator
let redis: TestRedis
const clients: Redis[] = []
beforeAll(async () => {
  ;[emulator, redis] = await Promise.all([createEmulator({ listen: false }), startRedis()])
})
afterAll(async () => {
  for (const client of clients) client.disconnect()
  await Promise.all([emulator.close(), redis.stop()])
})
beforeEach(() => emulator.control.clearRequests())

/** A Redis store over its own connection, as each instance would have. */
function redisStore(prefix: string): FlowgladStore {
  const client = new Redis(redis.url)
  clients.push(client)
  return createRedisStore({ redis: client, prefix })
}

const pricingCalls = () =>
  emulator.control.requests().filter((r) => r.path === '/api/v1/pricing-models/default').length

/** `count` cold instances ask for the default pricing model at the same time. */
async function coldInstances(count: number, store: (() => FlowgladStore) | undefined) {
  const apps = await Promise.all(
    Array.from({ length: count }, () =>
      createTestApp({ emulator, flowglad: store ? { store: store() } : {} }),
    ),
  )
  const models = await Promise.all(apps.map((app) => app.createCaller(null).flowglad.pricing.default()))
  return models
}

describe('default pricing model shared through Redis', () => {
  it('without a shared store, 5 cold instances cost 5 pricing calls (baseline)', async () => {
    await coldInstances(5, undefined)
    expect(pricingCalls()).toBe(5)
  })

  it('with one Redis, 5 cold instances cost 1 pricing call and all get the same model', async () => {
    const prefix = `t${Date.now()}:`
    const models = await coldInstances(5, () => redisStore(prefix))
    expect(pricingCalls()).toBe(1)
    const slugs = models.map((m) => m.pricingModel.products.map((p) => p.slug).join(','))
    expect(new Set(slugs).size).toBe(1)
    expect(slugs[0]).toContain('pro')
  })
})
