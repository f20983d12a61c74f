import { createHash } from 'node:crypto'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getFlowgladRefusal } from '../../../src/core'
import { createRedisStore } from '../../../src/server'
import { keyOf } from '../../../src/server/engine/flowgladAccount'
import {
  createGatedApp,
  type GatedApp,
  type GatedAppOptions,
  gatedHttpClient,
} from '../../support/createGatedApp'
import { type TestUser, testUser } from '../../support/createTestApp'
import { startRedis, type TestRedis } from '../../support/redis'

// The spend gate attacked the way a client can: through the real fetch handler (every request an
// HTTP request), the real @flowglad/node client, the emulator, and a real redis-server where a store
// is shared. Each attack is one of issue #15's; each test failed before the fix.

let redis: TestRedis
const connections: Redis[] = []
const emulators: Emulator[] = []
beforeAll(async () => {
  redis = await startRedis()
}, 30_000)
afterAll(async () => {
  for (const connection of connections) connection.disconnect()
  for (const emulator of emulators) await emulator.close()
  await redis.stop()
})

/** A Redis store on a new connection to the shared test server (default prefix: as two apps would). */
function redisStore(timeoutMs?: number) {
  const connection = new Redis(redis.url)
  connections.push(connection)
  return createRedisStore({ redis: connection, ...(timeoutMs ? { timeoutMs } : {}) })
}

/** An emulator (its own Flowglad account) and an app on it. */
async function appOnNewAccount(
  apiKey: string,
  options: Omit<GatedAppOptions, 'flowglad'> = {},
): Promise<{ app: GatedApp; emulator: Emulator }> {
  const emulator = await createEmulator({ listen: false, apiKey })
  emulators.push(emulator)
  const app = createGatedApp({
    flowglad: { apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch },
    ...options,
  })
  return { app, emulator }
}

/** The api_calls balance as Flowglad reports it. */
async function balance(app: GatedApp, user: TestUser): Promise<number> {
  const { usageMeterBalances } = await app.createCaller(user).flowglad.usageMeters.balances()
  return usageMeterBalances.find((meter) => meter.slug === 'api_calls')?.availableBalance ?? Number.NaN
}

/** A signed-up customer on the free plan (100 api_calls). */
async function freeCustomer(app: GatedApp, user = testUser()): Promise<TestUser> {
  await app.createCaller(user).flowglad.customer.findOrCreate()
  return user
}

const settle = <T>(promises: Promise<T>[]) => Promise.allSettled(promises)
const errorOf = (result: PromiseSettledResult<unknown>) =>
  result.status === 'rejected' ? (result.reason as { data?: { code?: string } }) : null

describe('replaying an idempotency key', () => {
  let app: GatedApp
  beforeAll(async () => {
    ;({ app } = await appOnNewAccount('sk_test_replay'))
  })

  it('pay for 1 call with key K, then ask for 100 with K: refused (CONFLICT, idempotency_key_reused), nothing more delivered', async () => {
    const user = await freeCustomer(app)
    const client = gatedHttpClient(app, user)
    app.handled.length = 0
    await client.usage.callApi.mutate({ calls: 1, idempotencyKey: 'K' })
    const replay = await client.usage.callApi.mutate({ calls: 100, idempotencyKey: 'K' }).catch((e) => e)
    expect(replay.data?.code).toBe('CONFLICT')
    expect(getFlowgladRefusal(replay)).toEqual({ reason: 'idempotency_key_reused' })
    expect(app.handled).toEqual(['callApi:1'])
    expect(await balance(app, user)).toBe(99)
  })

  it('twenty replays of one key, concurrent then one after another, deliver one call charged once; the rest are CONFLICT', async () => {
    const user = await freeCustomer(app)
    const client = gatedHttpClient(app, user, { batch: false })
    app.handled.length = 0
    const spend = () => client.usage.callApi.mutate({ calls: 90, idempotencyKey: 'same' })
    const results = await settle(Array.from({ length: 10 }, spend))
    for (let i = 0; i < 10; i++) results.push(...(await settle([spend()])))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.filter((r) => errorOf(r)?.data?.code === 'CONFLICT')).toHaveLength(19)
    expect(app.handled).toEqual(['callApi:90'])
    expect(await balance(app, user)).toBe(10)
  })

  it('a repeat long after the ledger forgot the spend (> 60 s) is still refused: the record lives 24 h in the store', async () => {
    const store = redisStore()
    const { app: shared } = await appOnNewAccount('sk_test_window', { store })
    const user = await freeCustomer(shared)
    const client = gatedHttpClient(shared, user)
    await client.usage.callApi.mutate({ calls: 10, idempotencyKey: 'old' })
    const keys = await connections.at(-1)!.keys('flowglad:value:idempotency:*')
    expect(keys).toHaveLength(1)
    const ttl = await connections.at(-1)!.pttl(keys[0]!)
    expect(ttl).toBeGreaterThan(23 * 60 * 60_000)
    // The ledger's own memory of the spend ends after 60 s; drop it now, as time would.
    await connections.at(-1)!.del(...(await connections.at(-1)!.keys('flowglad:ledger:*')))
    shared.handled.length = 0
    const repeat = await client.usage.callApi.mutate({ calls: 10, idempotencyKey: 'old' }).catch((e) => e)
    expect(getFlowgladRefusal(repeat)).toEqual({ reason: 'duplicate_request', state: 'completed' })
    expect(shared.handled).toEqual([])
    expect(await balance(shared, user)).toBe(90)
  })

  it('a key whose call failed is free again: the retry runs and pays', async () => {
    const user = await freeCustomer(app)
    const client = gatedHttpClient(app, user)
    await expect(client.usage.failing.mutate({ calls: 5, idempotencyKey: 'retry' })).rejects.toThrow()
    app.handled.length = 0
    await client.usage.callApi.mutate({ calls: 5, idempotencyKey: 'retry' })
    expect(app.handled).toEqual(['callApi:5'])
    expect(await balance(app, user)).toBe(95)
  })
})

describe('predicting the transactionId', () => {
  it('recording 1 credit under the id the spend would use, then spending 99: all 100 are charged', async () => {
    const { app } = await appOnNewAccount('sk_test_predict')
    const user = await freeCustomer(app)
    const client = gatedHttpClient(app, user)
    // The id as it was derived before: a hash of values the client knows.
    const predicted = `spend_${createHash('sha256')
      .update([user.id, 'api_calls', 'usage.callApi', 'K'].join('\u0000'))
      .digest('hex')
      .slice(0, 40)}`
    await client.flowglad.usageEvents.create.mutate({
      usageMeterSlug: 'api_calls',
      amount: 1,
      transactionId: predicted,
    })
    await client.usage.callApi.mutate({ calls: 99, idempotencyKey: 'K' })
    expect(await balance(app, user)).toBe(0)
  })
})

describe('two apps on one Redis (default prefix), each with its own Flowglad account', () => {
  it("app A's hold never refuses app B's customer of the same id", async () => {
    let releaseA = () => {}
    const aBlocked = new Promise<void>((resolve) => {
      releaseA = resolve
    })
    const a = await appOnNewAccount('sk_test_app_a', { store: redisStore(), slowHandler: () => aBlocked })
    const b = await appOnNewAccount('sk_test_app_b', { store: redisStore() })
    const user = testUser()
    await freeCustomer(a.app, user)
    await freeCustomer(b.app, user)
    const spendA = gatedHttpClient(a.app, user).usage.slowCall.mutate({ calls: 100 })
    await expect.poll(() => a.app.handled.includes('slowCall:100')).toBe(true)
    // A holds its customer's whole balance; B's customer (same external id, other account) is untouched.
    await expect(gatedHttpClient(b.app, user).usage.callApi.mutate({ calls: 100 })).resolves.toEqual({
      consumed: 100,
    })
    releaseA()
    await expect(spendA).resolves.toEqual({ consumed: 100 })
    expect(await balance(a.app, user)).toBe(0)
    expect(await balance(b.app, user)).toBe(0)
  })

  it('key parts are encoded: a ":" inside a part can never pass for the separator', () => {
    expect(keyOf('a:b', 'c')).not.toBe(keyOf('a', 'b:c'))
    expect(keyOf('a', 'b:c').split(':')).toHaveLength(2)
  })
})

describe('upstream cost per HTTP request', () => {
  it('one GET batch of 200 resources.claims costs one billing read and one claims read', async () => {
    const { app, emulator } = await appOnNewAccount('sk_test_reads')
    const user = await freeCustomer(app)
    const client = gatedHttpClient(app, user)
    emulator.control.clearRequests()
    const results = await Promise.all(
      Array.from({ length: 200 }, () => client.flowglad.resources.claims.query({ resourceSlug: 'seats' })),
    )
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1)
    const sent = emulator.control
      .requests()
      .map((r) => `${r.method} ${r.path.split('/').slice(0, 4).join('/')}`)
    expect(sent.filter((line) => line.startsWith('GET /api/v1/resource-claims'))).toHaveLength(1)
    expect(sent.length).toBeLessThanOrEqual(2)
  })

  it('distinct billing-derived reads in one request stop at maxReadsPerRequest (20): TOO_MANY_REQUESTS, not sent', async () => {
    const { app, emulator } = await appOnNewAccount('sk_test_distinct_reads')
    const user = await freeCustomer(app)
    const client = gatedHttpClient(app, user)
    emulator.control.clearRequests()
    const results = await settle(
      Array.from({ length: 30 }, (_, i) =>
        client.flowglad.resources.claims.query({ resourceSlug: `slug_${i}` }),
      ),
    )
    const sent = emulator.control.requests().filter((r) => r.path.startsWith('/api/v1/resource-claims'))
    expect(sent.length).toBeLessThanOrEqual(20)
    expect(results.filter((r) => errorOf(r)?.data?.code === 'TOO_MANY_REQUESTS')).toHaveLength(10)
  })

  it('one batch of 60 spends sends at most the per-request write cap (10) of usage writes', async () => {
    const { app, emulator } = await appOnNewAccount('sk_test_batch')
    const user = await freeCustomer(app)
    const client = gatedHttpClient(app, user)
    emulator.control.clearRequests()
    app.handled.length = 0
    const results = await settle(
      Array.from({ length: 60 }, (_, i) =>
        client.usage.callApi.mutate({ calls: 1, idempotencyKey: `b${i}` }),
      ),
    )
    const writes = emulator.control
      .requests()
      .filter((r) => r.method === 'POST' && r.path.includes('usage-events'))
    expect(writes.length).toBeLessThanOrEqual(10)
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10)
    expect(results.filter((r) => errorOf(r)?.data?.code === 'TOO_MANY_REQUESTS')).toHaveLength(50)
    expect(app.handled).toHaveLength(10)
    expect(await balance(app, user)).toBe(90)
  })
})

describe('exactly the affordable spends succeed', () => {
  it('10 concurrent spends of 30 against a balance of 100, usage answers slower than they apply: exactly 3 succeed', async () => {
    const emulator = await createEmulator({ listen: false, apiKey: 'sk_test_exact' })
    emulators.push(emulator)
    // A usage write is applied (billing reads see it) 150 ms before its answer arrives, as over a network.
    const app = createGatedApp({
      flowglad: {
        apiKey: emulator.apiKey,
        baseURL: emulator.url,
        fetch: async (input, init) => {
          const response = await emulator.fetch(input, init)
          if (init?.method === 'POST' && String(input).includes('/usage-events'))
            await new Promise((resolve) => setTimeout(resolve, 150))
          return response
        },
      },
      store: redisStore(),
    })
    const user = await freeCustomer(app)
    const client = gatedHttpClient(app, user, { batch: false })
    const usageWrites = () =>
      emulator.control.requests().filter((r) => r.method === 'POST' && r.path.includes('usage-events'))
    emulator.control.clearRequests()
    // The first spend's write is applied and unanswered when the nine others check the balance.
    const first = client.usage.callApi.mutate({ calls: 30 })
    await expect.poll(() => usageWrites().length, { interval: 2 }).toBe(1)
    const results = await settle([
      first,
      ...Array.from({ length: 9 }, () => client.usage.callApi.mutate({ calls: 30 })),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
    expect(results.filter((r) => errorOf(r)?.data?.code === 'FORBIDDEN')).toHaveLength(7)
    expect(await balance(app, user)).toBe(10)
  })
})

describe('a hold lost while the handler runs (Redis stalled past the lease)', () => {
  it('is detected and reported (hold_lost); the spend re-checks and refuses: no overdraw', async () => {
    let releaseA = () => {}
    const aBlocked = new Promise<void>((resolve) => {
      releaseA = resolve
    })
    const leaseMs = 600
    const first = await appOnNewAccount('sk_test_lease', {
      store: redisStore(5_000),
      leaseMs,
      slowHandler: () => aBlocked,
    })
    // A second instance of the same app: same account, same Redis.
    const second = createGatedApp({
      flowglad: { apiKey: first.emulator.apiKey, baseURL: first.emulator.url, fetch: first.emulator.fetch },
      store: redisStore(5_000),
    })
    const user = await freeCustomer(first.app)
    const spendA = gatedHttpClient(first.app, user)
      .usage.slowCall.mutate({ calls: 100 })
      .catch((e) => e)
    await expect.poll(() => first.app.handled.includes('slowCall:100')).toBe(true)
    // Redis freezes for longer than the lease: A's renewals cannot land; its hold expires.
    await redis.stall(leaseMs * 3)
    // The other instance now holds and spends the whole balance.
    await expect(gatedHttpClient(second, user).usage.callApi.mutate({ calls: 100 })).resolves.toEqual({
      consumed: 100,
    })
    releaseA()
    const outcome = await spendA
    expect(getFlowgladRefusal(outcome)?.reason).toBe('insufficient_balance')
    expect(first.app.events.map((event) => event.kind)).toContain('hold_lost')
    expect(await balance(first.app, user)).toBe(0)
  }, 30_000)
})

describe('usage Flowglad does not take after the handler ran', () => {
  /** Flowglad refuses the next `times` usage writes with a 503 (every retry of @flowglad/node's fetch included). */
  const usageDown = (emulator: Emulator, times: number) =>
    emulator.control.injectFault({
      match: { method: 'POST', path: '/api/v1/usage-events' },
      status: 503,
      times,
    })

  it('is sent again with the same transactionId until recorded: the delivered call is paid once', async () => {
    const { app, emulator } = await appOnNewAccount('sk_test_unrecorded', { usageRetryDelaysMs: [50, 50] })
    const user = await freeCustomer(app)
    usageDown(emulator, 3)
    await expect(gatedHttpClient(app, user).usage.callApi.mutate({ calls: 10 })).resolves.toEqual({
      consumed: 10,
    })
    await expect.poll(() => balance(app, user), { timeout: 5_000, interval: 100 }).toBe(90)
    // The hold became the recorded spend: nothing is deducted twice.
    await expect(gatedHttpClient(app, user).usage.callApi.mutate({ calls: 90 })).resolves.toEqual({
      consumed: 90,
    })
    expect(await balance(app, user)).toBe(0)
    expect(app.events.map((event) => event.kind)).not.toContain('usage_not_recorded')
  })

  it('survives a restart with a store: another instance records what the first left pending', async () => {
    const store = redisStore()
    const first = await appOnNewAccount('sk_test_restart', { store, usageRetryDelaysMs: [600_000] })
    const user = await freeCustomer(first.app)
    usageDown(first.emulator, 3)
    await gatedHttpClient(first.app, user).usage.callApi.mutate({ calls: 10 })
    expect(await balance(first.app, user)).toBe(100)
    // The first instance is gone (its retry would come in 10 minutes); a new one starts on the same Redis.
    const second = createGatedApp({
      flowglad: { apiKey: first.emulator.apiKey, baseURL: first.emulator.url, fetch: first.emulator.fetch },
      store: redisStore(),
      usageRetryDelaysMs: [20],
    })
    const other = await freeCustomer(second)
    await gatedHttpClient(second, other).usage.callApi.mutate({ calls: 1 })
    await expect.poll(() => balance(second, user), { timeout: 5_000, interval: 100 }).toBe(90)
  })
})
