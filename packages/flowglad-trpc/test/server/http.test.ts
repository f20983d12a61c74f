import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ActionPath, actionPaths, getAction } from '../../src/core/actions'
import { createTestApp, type TestApp, testUser } from '../support/createTestApp'
import { subscribeToPaidPlan } from '../support/paidPlan'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(() => app.close())

type Caller = ReturnType<TestApp['createCaller']>

/** A valid call per procedure: its input (given the user's current subscription) and any setup it needs. */
interface Case {
  input: (subscriptionId: string) => unknown
  setup?: (caller: Caller, subscriptionId: string) => Promise<unknown>
  /** Start on a paid plan (Flowglad refuses to cancel or adjust the free one); its id is the input's. */
  paid?: true
}

const redirects = { successUrl: 'https://app.test/s', cancelUrl: 'https://app.test/c' }
const none: Case = { input: () => undefined }

// Exhaustive: a new registry action does not compile until it has an HTTP case here.
const cases: Record<ActionPath, Case> = {
  'pricing.default': none,
  'pricing.get': none,
  'billing.get': none,
  'customer.get': none,
  'customer.findOrCreate': none,
  'customer.update': { input: () => ({ name: 'Over HTTP' }) },
  'checkout.create': { input: () => ({ priceSlug: 'pro_monthly', quantity: 2, ...redirects }) },
  'checkout.createAddPaymentMethod': { input: () => redirects },
  'checkout.createActivateSubscription': { input: (id) => ({ targetSubscriptionId: id, ...redirects }) },
  'subscriptions.list': { input: () => ({ includeHistorical: true }) },
  'subscriptions.cancel': {
    input: (id) => ({ id, cancellation: { timing: 'at_end_of_current_billing_period' } }),
    paid: true,
  },
  'subscriptions.uncancel': {
    input: (id) => ({ id }),
    setup: (caller, id) =>
      caller.flowglad.subscriptions.cancel({
        id,
        cancellation: { timing: 'at_end_of_current_billing_period' },
      }),
    paid: true,
  },
  'subscriptions.adjust': {
    input: (id) => ({ subscriptionId: id, priceSlug: 'pro_monthly', quantity: 2, timing: 'immediately' }),
    paid: true,
  },
  'usageEvents.create': {
    input: () => ({ usageMeterSlug: 'api_calls', amount: 2, properties: { route: '/x' } }),
  },
  'usageMeters.balances': { input: (id) => ({ subscriptionId: id }) },
  'features.access': { input: (id) => ({ subscriptionId: id }) },
  'paymentMethods.list': none,
  'invoices.list': { input: () => ({ limit: 10 }) },
  'purchases.list': { input: () => ({ limit: 10 }) },
  'resources.list': none,
  'resources.get': { input: () => ({ resourceSlug: 'seats' }) },
  'resources.claims': { input: () => ({ resourceSlug: 'seats' }) },
  'resources.claim': { input: () => ({ resourceSlug: 'seats', externalIds: ['member_1'] }) },
  'resources.release': {
    input: () => ({ resourceSlug: 'seats', externalId: 'member_1' }),
    setup: (caller) => caller.flowglad.resources.claim({ resourceSlug: 'seats', externalId: 'member_1' }),
  },
}

/** The untyped view of the client used to loop over every path (each call is typed in the other tests). */
type LooseClient = Record<
  string,
  Record<string, Record<'query' | 'mutate', (input: unknown) => Promise<unknown>>>
>

describe('every procedure over HTTP (fetch adapter, httpBatchLink, superjson)', () => {
  it.each(actionPaths)('%s succeeds for a signed-in customer', async (path) => {
    const user = testUser()
    const caller = app.createCaller(user)
    const subscriptionId = cases[path].paid
      ? await subscribeToPaidPlan(app, user)
      : ((await caller.flowglad.subscriptions.list()).currentSubscription?.id ?? '')
    await cases[path].setup?.(caller, subscriptionId)
    const [group, name] = path.split('.') as [string, string]
    const client = app.createClient(user).flowglad as unknown as LooseClient
    const verb = getAction(path).kind === 'query' ? 'query' : 'mutate'
    const output = await client[group]?.[name]?.[verb](cases[path].input(subscriptionId))
    expect(output).toBeTypeOf('object')
    // Plain JSON: nothing a transformer would have to revive.
    expect(JSON.parse(JSON.stringify(output))).toEqual(output)
  })
})
