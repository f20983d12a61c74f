import { createEmulator, type Emulator } from 'flowglad-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFlowglad } from '../../src/server'
import { createBillingCache } from '../../src/server/caches/billingCache'
import { createBillingChanges } from '../../src/server/caches/billingChanges'
import type { CustomerBilling } from '../../src/server/types'
import { createFlowgladWebhookHandler } from '../../src/webhooks'
import { customerOf, testUser } from '../support/createTestApp'
import { payloadFor, SECRET, signedRequest } from '../webhooks/deliveries'

// One Next.js server runs its route handlers and its server components as two bundles, each with
// its own createFlowglad() and its own copy of the library's modules. Without a store, a write, a
// checkout or a webhook seen by one must still stop the other reusing billing read before it.

/** A loader that counts upstream reads and answers a new (fake-shaped) billing each time. */
function countingLoad() {
  let calls = 0
  return { load: async () => ({ read: ++calls }) as unknown as CustomerBilling, calls: () => calls }
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the process board (createBillingChanges)', () => {
  it('a write through one cache stops another cache reusing an answer read before it, not one read after', async () => {
    const changes = createBillingChanges()
    const routeHandler = createBillingCache({ reuseMs: 60_000, changes })
    const serverComponents = createBillingCache({ reuseMs: 60_000, changes })
    const upstream = countingLoad()
    await serverComponents.get({}, 'ada', upstream.load)
    await settle()
    await serverComponents.get({}, 'ada', upstream.load)
    expect(upstream.calls()).toBe(1)
    routeHandler.invalidate('ada')
    await serverComponents.get({}, 'ada', upstream.load)
    expect(upstream.calls()).toBe(2)
    await settle()
    // Read after the write: reused again.
    await serverComponents.get({}, 'ada', upstream.load)
    expect(upstream.calls()).toBe(2)
    // Another customer's write changes nothing for this one.
    routeHandler.invalidate('grace')
    await serverComponents.get({}, 'ada', upstream.load)
    expect(upstream.calls()).toBe(2)
  })

  it('a checkout through one cache stops every cache reusing until its window ends', async () => {
    let clock = 1_000
    const now = () => clock
    const changes = createBillingChanges()
    const routeHandler = createBillingCache({ reuseMs: 60_000, changes, now })
    const serverComponents = createBillingCache({ reuseMs: 60_000, changes, now })
    const upstream = countingLoad()
    routeHandler.expectUpstreamChanges('ada', 5_000)
    clock += 1
    await serverComponents.get({}, 'ada', upstream.load)
    await settle()
    await serverComponents.get({}, 'ada', upstream.load)
    expect(upstream.calls()).toBe(2)
    clock += 5_000
    // The window has ended, but the answer was read inside it (the checkout may have completed since).
    await serverComponents.get({}, 'ada', upstream.load)
    expect(upstream.calls()).toBe(3)
    await settle()
    await serverComponents.get({}, 'ada', upstream.load)
    expect(upstream.calls()).toBe(3)
  })

  it('a customer dropped past capacity reads as changed, never as untouched', () => {
    const changes = createBillingChanges(2)
    changes.changed('old', 10)
    changes.unsettledUntil('old', 500)
    changes.changed('x', 20)
    changes.changed('y', 30) // drops 'old'
    expect(changes.reusable('old', 11)).toBe(false) // read while it was unsettled
    expect(changes.reusable('old', 9)).toBe(false)
    expect(changes.reusable('old', 500)).toBe(true)
    // Unknown customers read as the dropped ones: conservative, as for 'old'.
    expect(changes.reusable('never-seen', 400)).toBe(false)
    expect(changes.reusable('never-seen', 500)).toBe(true)
    expect(changes.reusable('y', 31)).toBe(true)
    expect(changes.reusable('y', 29)).toBe(false)
  })
})

describe('two runtimes of one process (route handler and server components), no store', () => {
  let emulator: Emulator
  beforeAll(async () => {
    emulator = await createEmulator({ listen: false })
  })
  afterAll(() => emulator.close())

  /** One bundle's createFlowglad(), reusing billing for a minute so staleness would show. */
  const bundle = () =>
    createFlowglad({
      apiKey: emulator.apiKey,
      baseURL: emulator.url,
      fetch: emulator.fetch,
      billingReuseMs: 60_000,
    })
  const plan = (billing: CustomerBilling) => billing.currentSubscriptions?.[0]?.priceId ?? 'free'

  it('a checkout opened through one runtime shows on the other runtime’s next read once paid', async () => {
    const [routeHandler, serverComponents] = [bundle(), bundle()]
    const customer = customerOf(testUser())
    await routeHandler.customers.findOrCreate(customer)
    const before = await serverComponents.forCustomer(customer).billing.get()
    // The control: the server components reuse their answer while nothing changes.
    expect(await serverComponents.forCustomer(customer).billing.get()).toBe(before)
    const session = await routeHandler.forCustomer(customer).checkout.create({
      priceSlug: 'pro_monthly',
      successUrl: 'https://app.test/ok',
      cancelUrl: 'https://app.test/cancel',
    })
    emulator.control.completeCheckoutSession(session.id)
    const after = await serverComponents.forCustomer(customer).billing.get()
    expect(plan(after)).not.toBe(plan(before))
  })

  it('a verified webhook stops every runtime reusing the customer’s billing, given no runtime or store', async () => {
    const [serverComponents, other] = [bundle(), bundle()]
    const customer = customerOf(testUser())
    await other.customers.findOrCreate(customer)
    const before = await serverComponents.forCustomer(customer).billing.get()
    expect(await serverComponents.forCustomer(customer).billing.get()).toBe(before)
    const receive = createFlowgladWebhookHandler({ secret: SECRET, on: {} })
    const response = await receive(
      signedRequest('subscription.created', {
        body: JSON.stringify(payloadFor('subscription.created', customer.externalId)),
      }),
    )
    expect(response.status).toBe(200)
    expect(await serverComponents.forCustomer(customer).billing.get()).not.toBe(before)
  })
})
