import { createEmulator, type Emulator } from 'flowglad-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFlowglad } from '../../../src/server'
import { customerOf, testUser } from '../../support/createTestApp'
import { startRedis, type TestRedis } from '../../support/redis'
import { runWorkers } from '../../support/runWorkers'

// Issue #10's race across instances: two processes serve one customer; each fires 10 spends of
// the whole balance at the same moment, against one emulator over HTTP (20 ms on every balance
// read, so reads overlap as they would across a network) and, for the middleware, one real Redis.

let emulator: Emulator
let redis: TestRedis
beforeAll(async () => {
  ;[emulator, redis] = await Promise.all([createEmulator(), startRedis()])
})
afterAll(async () => {
  await Promise.all([emulator.close(), redis.stop()])
})

/** A fresh free customer (100 api_calls); its upstream record exists before the workers start. */
async function freeCustomer() {
  const user = testUser()
  const flowglad = createFlowglad({ apiKey: emulator.apiKey, baseURL: emulator.url })
  await flowglad.customers.findOrCreate(customerOf(user))
  return { user, flowglad }
}

async function balanceOf({ user, flowglad }: Awaited<ReturnType<typeof freeCustomer>>): Promise<number> {
  const { usageMeterBalances } = await flowglad.forCustomer(customerOf(user)).usageMeters.balances()
  return usageMeterBalances.find((meter) => meter.slug === 'api_calls')?.availableBalance ?? Number.NaN
}

/** 2 processes x 10 concurrent spends of 100 each. */
async function race(procedure: 'callApi' | 'readThenRecord', redisUrl?: string) {
  const customer = await freeCustomer()
  emulator.control.injectFault({
    match: { path: '/api/v1/customers/', method: 'GET' },
    latencyMs: 20,
    times: 200,
  })
  try {
    const perProcess = await runWorkers(2, {
      emulatorUrl: emulator.url,
      apiKey: emulator.apiKey,
      user: customer.user,
      procedure,
      count: 10,
      calls: 100,
      ...(redisUrl ? { redisUrl } : {}),
    })
    return { succeeded: perProcess.reduce((a, b) => a + b, 0), balance: await balanceOf(customer) }
  } finally {
    emulator.control.clearFaults()
  }
}

describe('20 concurrent spends of the whole balance, two processes', () => {
  it('the old read-then-record pattern overdraws', async () => {
    const { succeeded, balance } = await race('readThenRecord')
    expect(succeeded).toBeGreaterThan(1)
    expect(balance).toBeLessThan(0)
  }, 60_000)

  it('the middleware with one shared Redis lets exactly one through; the balance ends at 0', async () => {
    const { succeeded, balance } = await race('callApi', redis.url)
    expect(succeeded).toBe(1)
    expect(balance).toBe(0)
  }, 60_000)
})
