import { describe, expect, it } from 'vitest'
import { createBillingCache } from '../../src/server/caches/billingCache'
import { createSingleFlight } from '../../src/server/caches/singleFlight'
import { createTtlCache } from '../../src/server/caches/ttlCache'
import { createWriteGenerations } from '../../src/server/caches/writeGenerations'
import type { CustomerBilling } from '../../src/server/types'

const deferred = <T>() => {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('createSingleFlight', () => {
  it('shares one running task per key and starts afresh once it settles', async () => {
    const flight = createSingleFlight<string, number>()
    let started = 0
    const gate = deferred<number>()
    const task = () => {
      started += 1
      return gate.promise
    }
    const joined = [flight.run('a', task), flight.run('a', task), flight.run('b', () => Promise.resolve(2))]
    gate.resolve(1)
    expect(await Promise.all(joined)).toEqual([1, 1, 2])
    expect(started).toBe(1)
    await flight.run('a', task)
    expect(started).toBe(2)
  })

  it('forget detaches a running task so the next caller does not join it', async () => {
    const flight = createSingleFlight<string, string>()
    const old = deferred<string>()
    const first = flight.run('k', () => old.promise)
    flight.forget('k')
    const second = flight.run('k', () => Promise.resolve('fresh'))
    old.resolve('stale')
    expect([await first, await second]).toEqual(['stale', 'fresh'])
  })
})

describe('createTtlCache', () => {
  it('serves the cached value until the TTL passes, then loads again', async () => {
    let now = 0
    let loads = 0
    const cache = createTtlCache(
      async () => ++loads,
      1000,
      () => now,
    )
    expect(await cache.get()).toBe(1)
    now = 999
    expect(await cache.get()).toBe(1)
    now = 1000
    expect(await cache.get()).toBe(2)
  })

  it('does not cache failures', async () => {
    let calls = 0
    const cache = createTtlCache(async () => {
      calls += 1
      if (calls === 1) throw new Error('upstream down')
      return 'ok'
    }, 60_000)
    await expect(cache.get()).rejects.toThrow('upstream down')
    expect(await cache.get()).toBe('ok')
  })
})

describe('createBillingCache', () => {
  const billing = (id: string) => ({ customer: { id } }) as unknown as CustomerBilling

  it('memoises per request key and customer; a write to the customer makes its memos stale under every key', async () => {
    const cache = createBillingCache()
    const [request, other] = [{}, {}]
    let loads = 0
    const load = async () => billing(`c${++loads}`)
    await cache.get(request, 'ext', load)
    await cache.get(request, 'ext', load)
    expect(loads).toBe(1)
    await cache.get(other, 'ext', load)
    await cache.get(request, 'bystander', load)
    expect(loads).toBe(3)
    cache.invalidate('ext')
    expect((await cache.get(request, 'ext', load)).customer.id).toBe('c4')
    expect((await cache.get(other, 'ext', load)).customer.id).toBe('c5')
    expect((await cache.get(request, 'bystander', load)).customer.id).toBe('c3')
  })

  it('does not memoise a failed read', async () => {
    const cache = createBillingCache()
    const request = {}
    await expect(cache.get(request, 'ext', () => Promise.reject(new Error('502')))).rejects.toThrow('502')
    expect((await cache.get(request, 'ext', async () => billing('ok'))).customer.id).toBe('ok')
  })
})

describe('createWriteGenerations', () => {
  it('moves a key past every earlier generation on each write, leaving other keys alone', () => {
    const writes = createWriteGenerations<string>()
    const [a, b] = [writes.current('a'), writes.current('b')]
    writes.bump('a')
    expect(writes.current('a')).not.toBe(a)
    expect(writes.current('b')).toBe(b)
    const afterFirst = writes.current('a')
    writes.bump('b')
    writes.bump('a')
    expect(writes.current('a')).toBeGreaterThan(Math.max(afterFirst, writes.current('b')))
  })

  it('past its capacity forgets the oldest writes but still reports a change for every written key', () => {
    const writes = createWriteGenerations<string>(2)
    const seen = writes.current('old')
    writes.bump('old')
    const afterWrite = writes.current('old')
    expect(afterWrite).not.toBe(seen)
    writes.bump('x')
    writes.bump('y') // evicts 'old'
    expect(writes.current('old')).toBe(afterWrite) // no write since: a memo taken then stays usable
    writes.bump('z') // evicts 'x': the floor rises, so a memo of 'old' is now (conservatively) stale
    expect(writes.current('old')).not.toBe(afterWrite)
    expect(writes.current('never-written')).toBe(writes.current('old'))
  })
})
