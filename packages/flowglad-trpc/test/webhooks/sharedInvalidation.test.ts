import { describe, expect, it } from 'vitest'
import { createBillingCache } from '../../src/server/caches/billingCache'
import { createBillingChanges } from '../../src/server/caches/billingChanges'
import { createMemoryCacheGenerations, customerScope } from '../../src/server/store/cacheGenerations'
import { withSharedInvalidation } from '../../src/server/store/sharedInvalidation'
import type { CustomerBilling } from '../../src/server/types'

/** A loader that counts upstream reads and answers a new (fake-shaped) billing each time. */
function countingLoad() {
  let calls = 0
  return {
    load: async () => ({ read: ++calls }) as unknown as CustomerBilling,
    calls: () => calls,
  }
}

// Each cache gets its own board (`changes`): these are separate processes, which only the store links.
describe('billing reuse and the shared counters', () => {
  it('reuses an answer until the customer’s counter moves, then reads again', async () => {
    const generations = createMemoryCacheGenerations()
    const cache = withSharedInvalidation(
      createBillingCache({ reuseMs: 60_000, changes: createBillingChanges() }),
      generations,
    )
    const upstream = countingLoad()
    await cache.get({}, 'ada', upstream.load)
    await new Promise((resolve) => setTimeout(resolve, 0))
    await cache.get({}, 'ada', upstream.load)
    expect(upstream.calls()).toBe(1)
    await generations.bump(customerScope('ada'))
    await cache.get({}, 'ada', upstream.load)
    expect(upstream.calls()).toBe(2)
    // Another customer's event changes nothing for this one.
    await generations.bump(customerScope('grace'))
    await new Promise((resolve) => setTimeout(resolve, 0))
    await cache.get({}, 'ada', upstream.load)
    expect(upstream.calls()).toBe(2)
  })

  it('a checkout session opened through one instance stops every other instance reusing the customer’s billing', async () => {
    // Two instances over one store (each its own process board: two processes). The session completes upstream, so no later write through either tells them.
    const generations = createMemoryCacheGenerations()
    const routeHandler = withSharedInvalidation(
      createBillingCache({ reuseMs: 60_000, changes: createBillingChanges() }),
      generations,
    )
    const serverComponents = withSharedInvalidation(
      createBillingCache({ reuseMs: 60_000, changes: createBillingChanges() }),
      generations,
    )
    const upstream = countingLoad()
    await serverComponents.get({}, 'ada', upstream.load)
    await serverComponents.get({}, 'ada', upstream.load)
    expect(upstream.calls()).toBe(1)
    routeHandler.expectUpstreamChanges('ada', 60 * 60 * 1000)
    await new Promise((resolve) => setTimeout(resolve, 0))
    const after = await serverComponents.get({}, 'ada', upstream.load)
    expect(upstream.calls()).toBe(2)
    expect(after).toEqual({ read: 2 })
  })

  it('reads the counter once per request, however many reads the request makes', async () => {
    let reads = 0
    const generations = createMemoryCacheGenerations()
    const counted = {
      ...generations,
      read: (scope: string) => {
        reads++
        return generations.read(scope)
      },
    }
    const cache = withSharedInvalidation(
      createBillingCache({ reuseMs: 60_000, changes: createBillingChanges() }),
      counted,
    )
    const request = {}
    const upstream = countingLoad()
    await Promise.all([1, 2, 3].map(() => cache.get(request, 'ada', upstream.load)))
    expect(reads).toBe(1)
  })

  it('a store that fails costs a fresh read, never a stale answer', async () => {
    const generations = createMemoryCacheGenerations()
    let down = false
    const flaky = {
      ...generations,
      read: (scope: string) => (down ? Promise.reject(new Error('down')) : generations.read(scope)),
    }
    const cache = withSharedInvalidation(
      createBillingCache({ reuseMs: 60_000, changes: createBillingChanges() }),
      flaky,
    )
    const upstream = countingLoad()
    await cache.get({}, 'ada', upstream.load)
    await new Promise((resolve) => setTimeout(resolve, 0))
    down = true
    await cache.get({}, 'ada', upstream.load)
    expect(upstream.calls()).toBe(2)
  })
})
