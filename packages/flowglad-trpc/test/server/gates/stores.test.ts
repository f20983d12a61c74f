import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryStore, createRedisStore, type FlowgladStore } from '../../../src/server'
import { startRedis, type TestRedis } from '../../support/redis'

// The ledger contract, run against both stores: the in-process one and Redis (a real redis-server,
// two clients standing for two instances). Each instance sees the other's holds and records.

let redis: TestRedis
const clients: Redis[] = []
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  for (const client of clients) client.disconnect()
  await redis.stop()
})

/** Two handles on one store: the same object in memory, two Redis clients for Redis. */
const stores: Record<string, () => [FlowgladStore, FlowgladStore]> = {
  memory: () => {
    const store = createMemoryStore()
    return [store, store]
  },
  redis: () => {
    const [a, b] = [new Redis(redis.url), new Redis(redis.url)]
    clients.push(a, b)
    return [createRedisStore({ redis: a }), createRedisStore({ redis: b })]
  },
}

let n = 0
const freshKey = () => `customer_${++n}_${Date.now()}:api_calls`
const lease = { leaseMs: 30_000 }

describe.each(Object.keys(stores))('%s store', (kind) => {
  let a: FlowgladStore
  let b: FlowgladStore
  beforeAll(() => {
    ;[a, b] = stores[kind]!()
  })

  it('a hold on one instance counts on the other: the second spend of the whole balance is refused', async () => {
    const key = freshKey()
    const snapshot = await a.snapshot(key)
    const request = { amount: 100, balance: 100, snapshot, ...lease }
    expect(await a.reserve(key, { id: 't1', ...request })).toEqual({ status: 'reserved', available: 0 })
    expect(await b.reserve(key, { id: 't2', ...request })).toEqual({ status: 'refused', available: 0 })
  })

  it('a released hold frees the credits', async () => {
    const key = freshKey()
    const snapshot = await a.snapshot(key)
    const request = { amount: 60, balance: 100, snapshot, ...lease }
    await a.reserve(key, { id: 't1', ...request })
    expect((await b.reserve(key, { id: 't2', ...request })).status).toBe('refused')
    await a.release(key, 't1')
    expect(await b.reserve(key, { id: 't2', ...request })).toEqual({ status: 'reserved', available: 40 })
  })

  it('a spend recorded after a balance read started may be in that read: uncertain, read again; one recorded before is in it', async () => {
    const key = freshKey()
    const before = await a.snapshot(key)
    await a.reserve(key, { id: 't1', amount: 30, balance: 100, snapshot: before, ...lease })
    await a.commit(key, { id: 't1', amount: 30, retainMs: 60_000 })
    // A read that started before the record may or may not include the 30: what fits either way is decided.
    expect(await b.reserve(key, { id: 't2', amount: 101, balance: 100, snapshot: before, ...lease })).toEqual(
      {
        status: 'refused',
        available: 70,
      },
    )
    expect(await b.reserve(key, { id: 't2', amount: 71, balance: 100, snapshot: before, ...lease })).toEqual({
      status: 'uncertain',
    })
    // A read that started after it saw 70 already: nothing is deducted twice.
    const after = await b.snapshot(key)
    expect(after.sequence).toBe(before.sequence + 1)
    expect(await b.reserve(key, { id: 't2', amount: 70, balance: 70, snapshot: after, ...lease })).toEqual({
      status: 'reserved',
      available: 0,
    })
  })

  it('the same transactionId is held once: in flight, then recorded', async () => {
    const key = freshKey()
    const snapshot = await a.snapshot(key)
    const request = { id: 'same', amount: 10, balance: 100, snapshot, ...lease }
    expect((await a.reserve(key, request)).status).toBe('reserved')
    expect(await b.reserve(key, request)).toEqual({ status: 'in_flight' })
    await a.commit(key, { id: 'same', amount: 10, retainMs: 60_000 })
    expect(await b.reserve(key, request)).toEqual({ status: 'recorded' })
  })

  it('a confirmed hold (usage write under way) is uncertain to other reads; an unconfirmed one is certain', async () => {
    const key = freshKey()
    const snapshot = await a.snapshot(key)
    await a.reserve(key, { id: 'writing', amount: 30, balance: 100, snapshot, ...lease })
    // Held, not written: certainly not in any read of 100.
    expect(await b.reserve(key, { id: 'x', amount: 71, balance: 100, snapshot, ...lease })).toEqual({
      status: 'refused',
      available: 70,
    })
    expect(await a.confirm(key, 'writing', 30_000)).toBe(true)
    // Being written: a read of 70 may already include it; 70 fits if it does, so read again.
    expect(await b.reserve(key, { id: 'x', amount: 70, balance: 70, snapshot, ...lease })).toEqual({
      status: 'uncertain',
    })
    expect(await a.confirm(key, 'gone', 30_000)).toBe(false)
  })

  it('stores a value only when absent, deletes it, and counts generations', async () => {
    const key = `claim_${++n}_${Date.now()}`
    expect(await a.setIfAbsent(key, 'A', 60_000)).toBe(true)
    expect(await b.setIfAbsent(key, 'B', 60_000)).toBe(false)
    expect(await b.get(key)).toBe('A')
    await b.delete(key)
    expect(await b.get(key)).toBeUndefined()
    expect(await b.setIfAbsent(key, 'B', 60_000)).toBe(true)
    expect(await a.increment(`${key}:gen`, 60_000)).toBe(1)
    expect(await b.increment(`${key}:gen`, 60_000)).toBe(2)
  })

  it('a hold expires with its lease (a crashed instance frees its credits) unless renewed', async () => {
    const key = freshKey()
    const snapshot = await a.snapshot(key)
    await a.reserve(key, { id: 'kept', amount: 50, balance: 100, snapshot, leaseMs: 150 })
    await a.reserve(key, { id: 'crashed', amount: 50, balance: 100, snapshot, leaseMs: 150 })
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(await a.renew(key, 'kept', 30_000)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(await a.renew(key, 'crashed', 30_000)).toBe(false)
    expect(await b.reserve(key, { id: 'next', amount: 50, balance: 100, snapshot, ...lease })).toEqual({
      status: 'reserved',
      available: 0,
    })
  })

  it('a snapshot older than what the ledger remembers is stale: the caller reads the balance again', async () => {
    const key = freshKey()
    const old = await a.snapshot(key)
    await a.reserve(key, { id: 't1', amount: 5, balance: 100, snapshot: old, ...lease })
    await a.commit(key, { id: 't1', amount: 5, retainMs: 20 })
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(await b.reserve(key, { id: 't2', amount: 5, balance: 100, snapshot: old, ...lease })).toEqual({
      status: 'stale',
    })
    const fresh = await b.snapshot(key)
    expect(
      (await b.reserve(key, { id: 't2', amount: 5, balance: 95, snapshot: fresh, ...lease })).status,
    ).toBe('reserved')
  })

  it('caches values with a TTL and hands a lock to one owner at a time', async () => {
    await a.set('pricing', '{"x":1}', 60_000)
    expect(await b.get('pricing')).toBe('{"x":1}')
    expect(await b.get('missing')).toBeUndefined()
    expect(await a.tryLock('load', 'A', 60_000)).toBe(true)
    expect(await b.tryLock('load', 'B', 60_000)).toBe(false)
    await b.unlock('load', 'B')
    expect(await b.tryLock('load', 'B', 60_000)).toBe(false)
    await a.unlock('load', 'A')
    expect(await b.tryLock('load', 'B', 60_000)).toBe(true)
  })
})
