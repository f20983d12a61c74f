import { describe, expect, it } from 'vitest'
import { createBillingCache } from '../../src/server/billingCache'
import { createSingleFlight } from '../../src/server/singleFlight'
import { createTtlCache } from '../../src/server/ttlCache'
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

  it('memoises per request key and customer, and invalidate drops only that entry', async () => {
    const cache = createBillingCache()
    const request = {}
    let loads = 0
    const load = async () => billing(`c${++loads}`)
    await cache.get(request, 'ext', load)
    await cache.get(request, 'ext', load)
    expect(loads).toBe(1)
    await cache.get({}, 'ext', load)
    expect(loads).toBe(2)
    cache.invalidate(request, 'ext')
    expect((await cache.get(request, 'ext', load)).customer.id).toBe('c3')
  })

  it('does not memoise a failed read', async () => {
    const cache = createBillingCache()
    const request = {}
    await expect(cache.get(request, 'ext', () => Promise.reject(new Error('502')))).rejects.toThrow('502')
    expect((await cache.get(request, 'ext', async () => billing('ok'))).customer.id).toBe('ok')
  })
})
