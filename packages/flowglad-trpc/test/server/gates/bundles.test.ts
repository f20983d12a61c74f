import { createEmulator, type Emulator } from 'flowglad-emulator'
import { afterAll, describe, expect, it } from 'vitest'
import { getFlowgladRefusal } from '../../../src/core'
import { createGatedApp, type GatedApp, gatedHttpClient } from '../../support/createGatedApp'
import { type TestUser, testUser } from '../../support/createTestApp'

// One Next.js server runs its tRPC route handler and its server components/actions as separate
// bundles: each evaluates the app's flowglad module, so each has its own createFlowglad() and its own
// createFlowgladMiddleware(). With no store configured, spends through both must still share one
// ledger and one set of idempotency records: here, two gated apps in one process, one emulator.

const emulators: Emulator[] = []
afterAll(async () => {
  for (const emulator of emulators) await emulator.close()
})

/** Two bundles of one app on one Flowglad account; `usage.slowCall`'s handler takes 300 ms. */
async function twoBundles(apiKey: string): Promise<[GatedApp, GatedApp]> {
  const emulator = await createEmulator({ listen: false, apiKey })
  emulators.push(emulator)
  const options = {
    flowglad: { apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch },
    // Every spend has checked the balance and holds its credits before the first one records.
    slowHandler: () => new Promise<void>((resolve) => setTimeout(resolve, 300)),
  }
  return [createGatedApp(options), createGatedApp(options)]
}

async function freeCustomer(app: GatedApp): Promise<TestUser> {
  const user = testUser()
  await app.createCaller(user).flowglad.customer.findOrCreate()
  return user
}

async function balance(app: GatedApp, user: TestUser): Promise<number> {
  const { usageMeterBalances } = await app.createCaller(user).flowglad.usageMeters.balances()
  return usageMeterBalances.find((meter) => meter.slug === 'api_calls')?.availableBalance ?? Number.NaN
}

describe('spends through two bundles of one process, no store', () => {
  it('10 concurrent spends of 30 against a balance of 100, alternating bundles: exactly 3 succeed', async () => {
    const [routeHandler, serverActions] = await twoBundles('sk_test_bundles_race')
    const user = await freeCustomer(routeHandler)
    const clients = [routeHandler, serverActions].map((app) => gatedHttpClient(app, user, { batch: false }))
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => clients[i % 2]!.usage.slowCall.mutate({ calls: 30 })),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
    expect(await balance(routeHandler, user)).toBe(10)
  })

  it('a key paid through one bundle is refused through the other, whatever amount it asks', async () => {
    const [routeHandler, serverActions] = await twoBundles('sk_test_bundles_replay')
    const user = await freeCustomer(routeHandler)
    await gatedHttpClient(routeHandler, user).usage.callApi.mutate({ calls: 1, idempotencyKey: 'K' })
    const replay = await gatedHttpClient(serverActions, user)
      .usage.callApi.mutate({ calls: 50, idempotencyKey: 'K' })
      .catch((error: unknown) => error)
    expect(getFlowgladRefusal(replay)).toEqual({ reason: 'idempotency_key_reused' })
    expect(serverActions.handled).toEqual([])
    expect(await balance(routeHandler, user)).toBe(99)
  })
})
