import { randomUUID } from 'node:crypto'
import { customerOf, type TestApp, type TestUser, testUser } from './createTestApp'
import { subscribeToPaidPlan } from './paidPlan'

// One table of operations whose upstream requests are counted: `test/server/upstreamCalls.test.ts`
// asserts the plugin's side request by request, and `bench/server/run.ts` runs both sides on one
// emulator to report the plugin against Flowglad's own SDK. One list, so the two cannot drift apart.

/** A usage event as Flowglad's strict bulk schema wants it (no defaults). */
export interface BulkUsageEvent {
  usageMeterSlug: string
  amount: number
  subscriptionId: string
  transactionId: string
}

/** The slice of Flowglad's `FlowgladServer` 0.18 the scenarios call directly (the bench supplies it). */
export interface SdkServer {
  getBilling(): Promise<unknown>
  getPricingModel(): Promise<unknown>
  createSubscription(params: { priceSlug: string }): Promise<unknown>
  bulkCreateUsageEvents(params: { usageEvents: BulkUsageEvent[] }): Promise<unknown>
  archiveCustomer(externalId: string): Promise<unknown>
}

/** Flowglad's SDK for one customer: its server, and its route handlers (`/api/flowglad/<key>`). */
export interface SdkSide {
  readonly server: SdkServer
  /** Runs one SDK route handler as its catch-all route would; throws unless it answers 200. */
  route(key: string, body?: unknown): Promise<unknown>
}

/** What a scenario starts from: a customer and its current subscription (empty for a new customer). */
export interface ScenarioSetup {
  readonly user: TestUser
  readonly subscriptionId: string
}

/** One counted operation, run the plugin's way and the SDK's way from the same starting state. */
export interface UpstreamScenario {
  readonly name: string
  /** Flowglad SDK's upstream requests for this operation (sdk-reference §2.2; the bench measures it). */
  readonly sdkRequests: number
  /** The plugin's upstream requests, in order, ids written `:id` (the test asserts exactly these). */
  readonly pluginRequests: readonly string[]
  /** Starting state; each side gets its own. Default: an existing customer. */
  readonly setup?: (app: TestApp) => Promise<ScenarioSetup>
  readonly plugin: (app: TestApp, setup: ScenarioSetup) => Promise<unknown>
  readonly sdk: (sdk: SdkSide, setup: ScenarioSetup) => Promise<unknown>
}

/** The emulator's request log as `METHOD /path`, customer and subscription ids written `:id`. */
export function upstreamLog(app: TestApp): string[] {
  return app.emulator.control
    .requests()
    .map((r) => `${r.method} ${r.path.replace(/\/(user|sub)_\w+/g, '/:id')}`)
}

/** A customer on the paid plan (Flowglad refuses to cancel or adjust the free one). */
export async function paidCustomer(app: TestApp): Promise<ScenarioSetup> {
  const user = testUser()
  return { user, subscriptionId: await subscribeToPaidPlan(app, user) }
}

/** A customer that exists upstream (with its default subscription), as most scenarios start. */
export async function existingCustomer(app: TestApp): Promise<ScenarioSetup> {
  const user = testUser()
  await app.flowglad.customers.findOrCreate(customerOf(user))
  const { currentSubscription } = await app.flowglad.forCustomer(customerOf(user)).subscriptions.list()
  return { user, subscriptionId: currentSubscription?.id ?? '' }
}

const BILLING = 'GET /api/v1/customers/:id/billing'
const atPeriodEnd = { timing: 'at_end_of_current_billing_period' } as const
const bulkEvents = ({ subscriptionId }: ScenarioSetup): BulkUsageEvent[] =>
  [2, 3].map((amount) => ({
    usageMeterSlug: 'api_calls',
    amount,
    subscriptionId,
    transactionId: randomUUID(),
  }))

/** Every counted operation. The plugin side goes over HTTP (httpBatchLink), as a browser's would. */
export const upstreamScenarios: readonly UpstreamScenario[] = [
  {
    name: 'billing.get, existing customer',
    sdkRequests: 2,
    pluginRequests: [BILLING],
    plugin: (app, { user }) => app.createClient(user).flowglad.billing.get.query(),
    sdk: (sdk) => sdk.route('customers/billing'),
  },
  {
    name: 'billing.get, new customer',
    sdkRequests: 3,
    pluginRequests: [BILLING, 'POST /api/v1/customers', BILLING],
    setup: async () => ({ user: testUser(), subscriptionId: '' }),
    plugin: (app, { user }) => app.createClient(user).flowglad.billing.get.query(),
    sdk: (sdk) => sdk.route('customers/billing'),
  },
  {
    name: '9 billing-derived reads (one page load / one tRPC batch)',
    sdkRequests: 18,
    pluginRequests: [BILLING],
    plugin: (app, { user }) => {
      const client = app.createClient(user)
      return Promise.all([
        client.flowglad.billing.get.query(),
        client.flowglad.subscriptions.list.query(),
        client.flowglad.features.access.query(),
        client.flowglad.paymentMethods.list.query(),
        client.flowglad.invoices.list.query(),
        client.flowglad.purchases.list.query(),
        client.flowglad.customer.get.query(),
        client.flowglad.pricing.get.query(),
        client.flowglad.usageMeters.balances.query(),
      ])
    },
    // Published 0.18.0 routes billing and usage balances; at HEAD each other list/detail route is
    // `getBilling()` plus a projection (sdk-reference §2.2), which is what runs for those here.
    sdk: (sdk) =>
      Promise.all([
        sdk.route('customers/billing'),
        ...Array.from({ length: 5 }, () => sdk.server.getBilling()),
        sdk.server.getBilling(), // customerDetails
        sdk.server.getPricingModel(), // the hybrid pricing route, signed in
        sdk.route('usage-meters/balances'),
      ]),
  },
  {
    name: 'subscriptions.cancel (id given, ownership checked)',
    sdkRequests: 3,
    pluginRequests: [BILLING, 'POST /api/v1/subscriptions/:id/cancel'],
    setup: paidCustomer,
    plugin: (app, { user, subscriptionId }) =>
      app
        .createClient(user)
        .flowglad.subscriptions.cancel.mutate({ id: subscriptionId, cancellation: atPeriodEnd }),
    sdk: (sdk, { subscriptionId }) =>
      sdk.route('subscriptions/cancel', { id: subscriptionId, cancellation: atPeriodEnd }),
  },
  {
    name: 'subscriptions.uncancel (scheduled cancellation)',
    sdkRequests: 3,
    pluginRequests: [BILLING, 'POST /api/v1/subscriptions/:id/uncancel'],
    setup: async (app) => {
      const setup = await paidCustomer(app)
      await app.flowglad
        .forCustomer(customerOf(setup.user))
        .subscriptions.cancel({ id: setup.subscriptionId, cancellation: atPeriodEnd })
      return setup
    },
    plugin: (app, { user, subscriptionId }) =>
      app.createClient(user).flowglad.subscriptions.uncancel.mutate({ id: subscriptionId }),
    sdk: (sdk, { subscriptionId }) => sdk.route('subscriptions/uncancel', { id: subscriptionId }),
  },
  {
    name: 'subscriptions.adjust (no id: the current subscription)',
    sdkRequests: 5,
    pluginRequests: [BILLING, 'POST /api/v1/subscriptions/:id/adjust'],
    setup: paidCustomer,
    plugin: (app, { user }) =>
      app.createClient(user).flowglad.subscriptions.adjust.mutate({ priceSlug: 'pro_monthly', quantity: 2 }),
    sdk: (sdk) => sdk.route('subscriptions/adjust', { priceSlug: 'pro_monthly', quantity: 2 }),
  },
  {
    name: 'usageEvents.create (defaults: current subscription, amount 1)',
    sdkRequests: 3,
    pluginRequests: [BILLING, 'POST /api/v1/usage-events'],
    plugin: (app, { user }) =>
      app.createClient(user).flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls' }),
    sdk: (sdk) => sdk.route('usage-events/create', { usageMeterSlug: 'api_calls' }),
  },
  {
    name: 'resources.claim (no id: the current subscription)',
    sdkRequests: 5,
    pluginRequests: [BILLING, 'POST /api/v1/resource-claims/:id/claim'],
    plugin: (app, { user }) =>
      app.createClient(user).flowglad.resources.claim.mutate({ resourceSlug: 'seats', quantity: 1 }),
    sdk: (sdk) => sdk.route('resources/claim', { resourceSlug: 'seats', quantity: 1 }),
  },
  {
    name: 'subscriptions.create (server-only)',
    sdkRequests: 2,
    pluginRequests: ['POST /api/v1/subscriptions'],
    plugin: (app, { user }) =>
      app.flowglad.forCustomer(customerOf(user)).subscriptions.create({ priceSlug: 'pro_monthly' }),
    sdk: (sdk) => sdk.server.createSubscription({ priceSlug: 'pro_monthly' }),
  },
  {
    name: 'usageEvents.bulkCreate, 2 events (server-only)',
    sdkRequests: 3,
    pluginRequests: [BILLING, 'POST /api/v1/usage-events/bulk'],
    plugin: (app, setup) =>
      app.flowglad
        .forCustomer(customerOf(setup.user))
        .usageEvents.bulkCreate({ usageEvents: bulkEvents(setup) }),
    sdk: (sdk, setup) => sdk.server.bulkCreateUsageEvents({ usageEvents: bulkEvents(setup) }),
  },
  {
    name: 'customer.archive (server-only)',
    sdkRequests: 1,
    pluginRequests: ['POST /api/v1/customers/:id/archive'],
    plugin: (app, { user }) => app.flowglad.forCustomer(customerOf(user)).customer.archive(),
    sdk: (sdk, { user }) => sdk.server.archiveCustomer(user.id),
  },
]
