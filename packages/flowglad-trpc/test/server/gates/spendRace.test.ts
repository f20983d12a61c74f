import { createEmulator, type Emulator } from 'flowglad-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGatedApp, type GatedApp } from '../../support/createGatedApp'
import { type TestUser, testUser } from '../../support/createTestApp'

// Issue #10's race, in one process: concurrent spends of one customer against the real client and
// the emulator. The hand-written read-then-record pattern overdraws; the spend middleware does not.

let emulator: Emulator
let app: GatedApp
beforeAll(async () => {
  emulator = await createEmulator({ listen: false })
  app = createGatedApp({
    flowglad: { apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch },
  })
})
afterAll(() => emulator.close())

async function freeCustomer(): Promise<TestUser> {
  const user = testUser()
  await app.createCaller(user).flowglad.customer.findOrCreate()
  return user
}

async function balance(user: TestUser): Promise<number> {
  const { usageMeterBalances } = await app.createCaller(user).flowglad.usageMeters.balances()
  return usageMeterBalances.find((meter) => meter.slug === 'api_calls')?.availableBalance ?? Number.NaN
}

/** Fires `count` calls at once; returns how many succeeded. */
async function concurrently(count: number, call: () => Promise<unknown>): Promise<number> {
  const results = await Promise.allSettled(Array.from({ length: count }, call))
  return results.filter((result) => result.status === 'fulfilled').length
}

describe('20 concurrent spends of the whole balance (100), one process', () => {
  it('the old read-then-record pattern lets more than one through and overdraws', async () => {
    const user = await freeCustomer()
    const succeeded = await concurrently(20, () =>
      app.createCaller(user).usage.readThenRecord({ calls: 100 }),
    )
    expect(succeeded).toBeGreaterThan(1)
    expect(await balance(user)).toBeLessThan(0)
  })

  it('the spend middleware lets exactly one through; the balance ends at 0', async () => {
    const user = await freeCustomer()
    const succeeded = await concurrently(20, () => app.createCaller(user).usage.callApi({ calls: 100 }))
    expect(succeeded).toBe(1)
    expect(await balance(user)).toBe(0)
  })

  it('exactly the affordable ones succeed: 20 spends of 10 => 10 succeed', async () => {
    const user = await freeCustomer()
    const succeeded = await concurrently(20, () => app.createCaller(user).usage.callApi({ calls: 10 }))
    expect(succeeded).toBe(10)
    expect(await balance(user)).toBe(0)
  })

  it('stays exact under upstream latency (20 ms on every balance read)', async () => {
    const user = await freeCustomer()
    emulator.control.injectFault({
      match: { path: '/api/v1/customers/', method: 'GET' },
      latencyMs: 20,
      times: 100,
    })
    try {
      const succeeded = await concurrently(20, () => app.createCaller(user).usage.callApi({ calls: 30 }))
      expect(succeeded).toBe(3)
    } finally {
      emulator.control.clearFaults()
    }
    expect(await balance(user)).toBe(10)
  })
})
