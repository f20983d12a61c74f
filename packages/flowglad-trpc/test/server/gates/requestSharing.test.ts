import { createTRPCClient, httpBatchLink } from '@trpc/client'
import { initTRPC } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createFlowglad,
  createFlowgladMiddleware,
  createFlowgladRouter,
  createRedisStore,
} from '../../../src/server'
import {
  createGatedApp,
  type GatedApp,
  type GatedAppOptions,
  gatedHttpClient,
} from '../../support/createGatedApp'
import { customerOf, type TestContext, type TestUser, testUser } from '../../support/createTestApp'
import { startRedis, type TestRedis } from '../../support/redis'

// One engine per request: the gates and the Flowglad procedures of one HTTP request (a tRPC batch)
// resolve the customer once and read billing once, and a spend's usage is written by the handler
// behind `flowglad.usageEvents.create`, reusing the billing the spend read (2 upstream calls per
// spend: the balance read and the usage write). Everything goes through the real fetch handler.

let redis: TestRedis
const connections: Redis[] = []
const emulators: Emulator[] = []
beforeAll(async () => {
  redis = await startRedis()
}, 30_000)
afterAll(async () => {
  for (const connection of connections) connection.disconnect()
  for (const emulator of emulators) await emulator.close()
  await redis.stop()
})

/** A gated app on its own in-process emulator; billing answers are not reused across requests. */
async function gatedApp(
  options: Omit<GatedAppOptions, 'flowglad'> & { sharedStore?: boolean } = {},
): Promise<{ app: GatedApp; emulator: Emulator }> {
  const emulator = await createEmulator({ listen: false })
  emulators.push(emulator)
  const { sharedStore, ...rest } = options
  const store = sharedStore ? createRedisStore({ redis: connect() }) : undefined
  const app = createGatedApp({
    flowglad: {
      apiKey: emulator.apiKey,
      baseURL: emulator.url,
      fetch: emulator.fetch,
      billingReuseMs: 0,
      ...(store ? { store } : {}),
    },
    ...(store ? { store } : {}),
    ...rest,
  })
  return { app, emulator }
}

function connect(): Redis {
  const connection = new Redis(redis.url)
  connections.push(connection)
  return connection
}

/** A customer on Pro (advanced_analytics, 1000 api_calls). */
async function proCustomer(app: GatedApp, emulator: Emulator): Promise<TestUser> {
  const user = testUser()
  const caller = app.createCaller(user)
  await caller.flowglad.customer.findOrCreate()
  const session = await caller.flowglad.checkout.create({
    priceSlug: 'pro_monthly',
    successUrl: 'https://app.test/ok',
    cancelUrl: 'https://app.test/cancel',
  })
  emulator.control.completeCheckoutSession(session.id)
  return user
}

/** The upstream requests since the last clear, as `METHOD /api/v1/<resource>`. */
function sent(emulator: Emulator): string[] {
  return emulator.control.requests().map((r) => `${r.method} ${r.path.split('/').slice(0, 4).join('/')}`)
}

describe('one customer resolution and one billing read per HTTP request', () => {
  it('a batch of a gated procedure and flowglad.billing.get calls the resolver once and reads billing once', async () => {
    const { app, emulator } = await gatedApp()
    const user = await proCustomer(app, emulator)
    const client = gatedHttpClient(app, user)
    app.resolved.length = 0
    emulator.control.clearRequests()
    const [csv, billing] = await Promise.all([
      client.analytics.export.query(),
      client.flowglad.billing.get.query(),
    ])
    expect(csv).toBe('date,calls\n')
    expect(billing.customer.externalId).toBe(user.id)
    expect(app.resolved).toEqual([user.id])
    expect(sent(emulator)).toEqual(['GET /api/v1/customers'])
  })

  it('five procedures in one batch (gates and Flowglad procedures) share one resolution and one read', async () => {
    const { app, emulator } = await gatedApp()
    const user = await proCustomer(app, emulator)
    const client = gatedHttpClient(app, user)
    app.resolved.length = 0
    emulator.control.clearRequests()
    await Promise.all([
      client.analytics.export.query(),
      client.analytics.export.query(),
      client.flowglad.billing.get.query(),
      client.flowglad.usageMeters.balances.query(),
      client.flowglad.features.access.query(),
    ])
    expect(app.resolved).toEqual([user.id])
    expect(sent(emulator)).toEqual(['GET /api/v1/customers'])
  })

  it('behind middleware that rebuilds the context, the requestKey given to both keeps it to one of each', async () => {
    const { app, emulator } = await gatedApp({
      // The session object survives the middleware's `next({ ctx: { session } })`.
      requestKey: ({ ctx }) => ctx.session ?? ctx,
    })
    const user = await proCustomer(app, emulator)
    const client = gatedHttpClient(app, user)
    app.resolved.length = 0
    emulator.control.clearRequests()
    const [csv] = await Promise.all([
      client.analytics.exportSignedIn.query(),
      client.flowglad.billing.get.query(),
    ])
    expect(csv).toBe('date,calls\n')
    expect(app.resolved).toEqual([user.id])
    expect(sent(emulator)).toEqual(['GET /api/v1/customers'])
  })

  it('two different resolvers are never taken for one another: each decides its own customer', async () => {
    const emulator = await createEmulator({ listen: false })
    emulators.push(emulator)
    const flowglad = createFlowglad({
      apiKey: emulator.apiKey,
      baseURL: emulator.url,
      fetch: emulator.fetch,
      billingReuseMs: 0,
    })
    const t = initTRPC.context<TestContext>().create()
    const member = testUser()
    const organization = testUser()
    // The router bills the signed-in user; these gates bill an organization (another resolver).
    const gates = createFlowgladMiddleware<TestContext>({
      flowglad,
      customer: () => customerOf(organization),
    })
    const router = t.router({
      flowglad: createFlowgladRouter({
        flowglad,
        router: t.router,
        procedure: t.procedure,
        customer: ({ ctx }) => (ctx.session ? customerOf(ctx.session.user) : null),
      }),
      billed: t.procedure
        .use(gates.requireFeature('advanced_analytics'))
        .query(({ ctx }) => ctx.flowgladCustomer.externalId),
    })
    await flowglad.forCustomer(customerOf(member)).customer.findOrCreate()
    // The organization is on Pro; the member on the free plan (no advanced_analytics).
    const organizationApi = flowglad.forCustomer(customerOf(organization))
    await organizationApi.customer.findOrCreate()
    const session = await organizationApi.checkout.create({
      priceSlug: 'pro_monthly',
      successUrl: 'https://app.test/ok',
      cancelUrl: 'https://app.test/cancel',
    })
    emulator.control.completeCheckoutSession(session.id)
    const client = createTRPCClient<typeof router>({
      links: [
        httpBatchLink({
          url: 'http://app.test/api/trpc',
          fetch: (url, init) =>
            fetchRequestHandler({
              endpoint: '/api/trpc',
              req: new Request(url, init ?? undefined),
              router,
              createContext: (): TestContext => ({ session: { user: member } }),
            }),
        }),
      ],
    })
    for (const order of ['router first', 'gate first'])
      for (let i = 0; i < 3; i++) {
        const [billing, gated] =
          order === 'router first'
            ? await Promise.all([client.flowglad.billing.get.query(), client.billed.query()])
            : await Promise.all([client.billed.query(), client.flowglad.billing.get.query()]).then(
                ([g, b]) => [b, g] as const,
              )
        expect(billing.customer.externalId).toBe(member.id)
        expect(gated).toBe(organization.id)
      }
  })
})

describe('a failed customer resolution', () => {
  it('is not remembered: the next call of the same request resolves again', async () => {
    const emulator = await createEmulator({ listen: false })
    emulators.push(emulator)
    const flowglad = createFlowglad({ apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch })
    const t = initTRPC.context<TestContext>().create()
    const user = testUser()
    let calls = 0
    const customer = ({ ctx }: { ctx: TestContext }) => {
      calls += 1
      if (calls === 1) throw new Error('session store unreachable')
      return ctx.session ? customerOf(ctx.session.user) : null
    }
    const gates = createFlowgladMiddleware<TestContext>({ flowglad, customer })
    const router = t.router({
      flowglad: createFlowgladRouter({ flowglad, router: t.router, procedure: t.procedure, customer }),
      gated: t.procedure.use(gates.requireFeature('advanced_analytics')).query(() => 'ok'),
    })
    // One caller = one ctx = one request key for every call below.
    const caller = router.createCaller({ session: { user } })
    await expect(caller.flowglad.customer.findOrCreate()).rejects.toThrow('session store unreachable')
    await expect(caller.flowglad.customer.findOrCreate()).resolves.toMatchObject({
      customer: { externalId: user.id },
    })
    // The successful resolution is shared from here on: the gate does not call the resolver again.
    await expect(caller.gated()).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(calls).toBe(2)
  })
})

describe('a spend records its usage through the usageEvents.create handler', () => {
  for (const sharedStore of [false, true])
    it(`costs one balance read and one usage write, the handler reusing the spend's read (${sharedStore ? 'Redis store' : 'memory'})`, async () => {
      const { app, emulator } = await gatedApp({ sharedStore })
      const user = await proCustomer(app, emulator)
      const client = gatedHttpClient(app, user)
      emulator.control.clearRequests()
      for (let i = 0; i < 5; i++) await client.usage.callApi.mutate({ calls: 1 })
      expect(sent(emulator)).toEqual(
        Array.from({ length: 5 }, () => ['GET /api/v1/customers', 'POST /api/v1/usage-events']).flat(),
      )
      const { usageMeterBalances } = await app.createCaller(user).flowglad.usageMeters.balances()
      expect(usageMeterBalances.find((meter) => meter.slug === 'api_calls')?.availableBalance).toBe(995)
    })

  it("with a Redis store, the usage handler takes the spend's fresh read without comparing the cache counter again", async () => {
    const { app, emulator } = await gatedApp({ sharedStore: true })
    const user = await proCustomer(app, emulator)
    const client = gatedHttpClient(app, user)
    await client.usage.callApi.mutate({ calls: 1 }) // the process sights the customer's counter once
    const monitor = connect()
    const counterReads = async () => {
      const stats = (await monitor.info('commandstats')).match(/cmdstat_get:calls=(\d+)/)
      return Number(stats?.[1] ?? 0)
    }
    const before = await counterReads()
    emulator.control.clearRequests()
    for (let i = 0; i < 5; i++) await client.usage.callApi.mutate({ calls: 1 })
    // No idempotency key: no claim records; a GET here is the billing cache's counter check.
    expect((await counterReads()) - before).toBe(0)
    expect(sent(emulator)).toHaveLength(10)
  })

  it('a batch of a spend and usageEvents.create counts both toward one write cap', async () => {
    const { app, emulator } = await gatedApp({})
    const user = await proCustomer(app, emulator)
    const client = gatedHttpClient(app, user)
    emulator.control.clearRequests()
    // 6 spends + 6 direct usage writes in one request: the cap (10) lets 10 through, refuses 2.
    const results = await Promise.allSettled([
      ...Array.from({ length: 6 }, () => client.usage.callApi.mutate({ calls: 1 })),
      ...Array.from({ length: 6 }, () =>
        client.flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls', amount: 1 }),
      ),
    ])
    const refused = results.filter(
      (r) =>
        r.status === 'rejected' &&
        (r.reason as { data?: { code?: string } }).data?.code === 'TOO_MANY_REQUESTS',
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10)
    expect(refused).toHaveLength(2)
    expect(sent(emulator).filter((line) => line === 'POST /api/v1/usage-events')).toHaveLength(10)
  })
})
