import { createTRPCClient, httpBatchLink } from '@trpc/client'
import { initTRPC, TRPCError } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFlowglad, createFlowgladRouter } from '../../src/server'
import { testUser } from '../support/createTestApp'

// A different app shape: no transformer, a request object on the context, and an auth middleware
// that rebuilds ctx (`next({ ctx })`), so ctx is a new object per procedure.
interface Context {
  req: Request
  userId: string | null
}

function buildApp(emulator: Emulator) {
  const t = initTRPC.context<Context>().create()
  const authed = t.procedure.use(({ ctx, next }) => {
    if (!ctx.userId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'app middleware' })
    return next({ ctx: { user: { id: ctx.userId, email: `${ctx.userId}@example.test` } } })
  })
  const flowglad = createFlowglad({ apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch })
  const appRouter = t.router({
    billing: createFlowgladRouter({
      flowglad,
      router: t.router,
      procedure: authed,
      customer: ({ ctx }) => {
        // An app whose session lookup can fail after the middleware (e.g. an expired org membership).
        if (ctx.user.id === 'expired')
          throw new TRPCError({ code: 'UNAUTHORIZED', message: 'session expired' })
        return { externalId: ctx.user.id, email: ctx.user.email }
      },
      requestKey: ({ ctx }) => ctx.req,
    }),
  })
  const client = (userId: string | null) =>
    createTRPCClient<typeof appRouter>({
      links: [
        httpBatchLink({
          url: 'http://app.test/trpc',
          fetch: (url, init) =>
            fetchRequestHandler({
              endpoint: '/trpc',
              req: new Request(url, init ?? undefined),
              router: appRouter,
              createContext: ({ req }) => ({ req, userId }),
            }),
        }),
      ],
    })
  return { appRouter, client }
}

let emulator: Emulator
let app: ReturnType<typeof buildApp>
beforeAll(async () => {
  emulator = await createEmulator({ listen: false })
  app = buildApp(emulator)
})
afterAll(() => emulator.close())
beforeEach(() => emulator.control.clearRequests())

describe('an app without a transformer, mounted under another name, behind auth middleware', () => {
  it('serves plain-JSON outputs over HTTP', async () => {
    const client = app.client(testUser().id)
    const [billing, customer] = await Promise.all([
      client.billing.billing.get.query(),
      client.billing.customer.get.query(),
    ])
    expect(billing.customer.id).toBe(customer.customer.id)
    expect(typeof customer.customer.createdAt).toBe('string')
  })

  it('lets the app middleware reject first, before Flowglad resolves anyone', async () => {
    await expect(app.client(null).billing.pricing.default.query()).rejects.toMatchObject({
      message: 'app middleware',
    })
    expect(emulator.control.requests()).toEqual([])
  })

  it('shares one billing read per request through requestKey although middleware rebuilds ctx', async () => {
    const caller = app.appRouter.createCaller({ req: new Request('http://app.test'), userId: testUser().id })
    await caller.billing.customer.findOrCreate()
    emulator.control.clearRequests()
    // Sequential, so only the per-request memo (keyed by ctx.req) can save the second and third reads.
    await caller.billing.billing.get()
    await caller.billing.features.access()
    await caller.billing.invoices.list({ limit: 1 })
    expect(emulator.control.requests()).toHaveLength(1)
  })

  it('pricing.get falls back to the default model when the customer resolver reports an auth failure', async () => {
    const client = app.client('expired')
    expect((await client.billing.pricing.get.query()).source).toBe('default')
    await expect(client.billing.billing.get.query()).rejects.toMatchObject({ message: 'session expired' })
  })

  it('returns outputs that survive JSON unchanged (no Date, Map or functions)', async () => {
    const client = app.client(testUser().id)
    for (const output of [
      await client.billing.billing.get.query(),
      await client.billing.subscriptions.list.query(),
      await client.billing.usageMeters.balances.query(),
      await client.billing.pricing.get.query(),
    ])
      expect(JSON.parse(JSON.stringify(output))).toEqual(output)
    const caller = app.appRouter.createCaller({ req: new Request('http://app.test'), userId: testUser().id })
    const billing = await caller.billing.billing.get()
    expect(JSON.parse(JSON.stringify(billing))).toEqual(billing)
  })
})
