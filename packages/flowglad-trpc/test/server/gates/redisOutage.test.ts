import { createEmulator, type Emulator } from 'flowglad-emulator'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getFlowgladRefusal } from '../../../src/core'
import { createRedisStore } from '../../../src/server'
import { createGatedApp, type GatedApp } from '../../support/createGatedApp'
import { type TestUser, testUser } from '../../support/createTestApp'
import { startRedis, type TestRedis } from '../../support/redis'

// What a spend does when the shared Redis goes away mid-life (the README's promise): `failClosed`
// refuses with SERVICE_UNAVAILABLE and runs nothing; `failOpen` falls back to this process's own
// ledger, so the call runs and is recorded, race-free within the process only.

let emulator: Emulator
let redis: TestRedis
let client: Redis
let closed: GatedApp
let open: GatedApp
beforeAll(async () => {
  ;[emulator, redis] = await Promise.all([createEmulator({ listen: false }), startRedis()])
  // Fail fast instead of queueing commands while disconnected (the README recommends the same).
  client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true })
  await client.connect()
  const store = createRedisStore({ redis: client, timeoutMs: 500 })
  const flowglad = { apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch }
  closed = createGatedApp({ flowglad, store })
  open = createGatedApp({ flowglad, store, onUnavailable: 'failOpen' })
})
afterAll(async () => {
  client.disconnect()
  await Promise.all([emulator.close(), redis.stop()])
})

async function freeCustomer(): Promise<TestUser> {
  const user = testUser()
  await closed.createCaller(user).flowglad.customer.findOrCreate()
  return user
}

async function balance(user: TestUser): Promise<number> {
  const { usageMeterBalances } = await closed.createCaller(user).flowglad.usageMeters.balances()
  return usageMeterBalances.find((meter) => meter.slug === 'api_calls')?.availableBalance ?? Number.NaN
}

describe('Redis down', () => {
  it('spends through Redis while it is up', async () => {
    const user = await freeCustomer()
    await expect(closed.createCaller(user).usage.callApi({ calls: 10 })).resolves.toEqual({ consumed: 10 })
    expect(await balance(user)).toBe(90)
  })

  it('failClosed (default): SERVICE_UNAVAILABLE with a billing_unavailable refusal; the handler does not run', async () => {
    const user = await freeCustomer()
    await redis.stop()
    const error = await closed
      .createCaller(user)
      .usage.callApi({ calls: 10 })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' })
    expect(getFlowgladRefusal(error)).toEqual({ reason: 'billing_unavailable' })
    expect(closed.handled).toEqual(['callApi:10'])
    expect(closed.events.map((event) => event.kind)).toEqual(['store_unavailable'])
    expect(await balance(user)).toBe(100)
  })

  it('failOpen: falls back to the process ledger; the call runs, is recorded, and still cannot overdraw here', async () => {
    const user = await freeCustomer()
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => open.createCaller(user).usage.callApi({ calls: 100 })),
    )
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
    expect(open.events.every((event) => event.kind === 'store_unavailable')).toBe(true)
    expect(await balance(user)).toBe(0)
  })
})
