import { randomUUID } from 'node:crypto'
import { createTRPCClient, httpBatchLink, httpLink } from '@trpc/client'
import { initTRPC, TRPCError } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { z } from 'zod'
import {
  type CreateFlowgladOptions,
  createFlowglad,
  createFlowgladMiddleware,
  createFlowgladRouter,
  type FlowgladCustomerResolver,
  type FlowgladStore,
  flowgladErrorData,
  type GateEvent,
  type UnavailablePolicy,
} from '../../src/server'
import { customerOf, type TestContext, type TestUser } from './createTestApp'

// An app that gates its own procedures, as the README shows: one customer resolver for the router
// and the middleware, an error formatter that forwards refusals, a metered action (`spend`), a
// feature-gated one (`requireFeature`) and, for the race tests, the hand-written read-then-record
// pattern the middleware replaces.

/** Options of `createGatedApp`. */
export interface GatedAppOptions {
  /** How to reach Flowglad: the emulator in-process (`fetch`) or over HTTP. */
  readonly flowglad: CreateFlowgladOptions
  readonly store?: FlowgladStore
  readonly onUnavailable?: UnavailablePolicy
  /** The lease of `usage.slowCall`'s holds (default 30 s). */
  readonly leaseMs?: number
  /** What `usage.slowCall`'s handler waits for before it returns. */
  readonly slowHandler?: () => Promise<void>
  /** The middleware's waits before recording unrecorded usage again. */
  readonly usageRetryDelaysMs?: readonly number[]
  /** The router's and the gates' `requestKey` (default: tRPC's ctx). */
  readonly requestKey?: (opts: { ctx: TestContext }) => object
}

/** Builds the router; `events` collects what the gates report, `resolved` each customer resolution. */
function buildGatedRouter(
  options: GatedAppOptions,
  events: GateEvent[],
  handled: string[],
  resolved: string[],
) {
  const flowglad = createFlowglad(options.flowglad)
  const t = initTRPC.context<TestContext>().create({
    errorFormatter: ({ shape, error }) => ({
      ...shape,
      data: { ...shape.data, ...flowgladErrorData(error) },
    }),
  })
  // One resolver for the router and the gates, as the README shows.
  const customer: FlowgladCustomerResolver<TestContext> = ({ ctx }) => {
    resolved.push(ctx.session?.user.id ?? 'signed out')
    return ctx.session ? customerOf(ctx.session.user) : null
  }
  const requestKey = options.requestKey ? { requestKey: options.requestKey } : {}
  const gates = createFlowgladMiddleware({
    flowglad,
    customer,
    ...requestKey,
    ...(options.store ? { store: options.store } : {}),
    ...(options.onUnavailable ? { onUnavailable: options.onUnavailable } : {}),
    ...(options.usageRetryDelaysMs ? { usageRetryDelaysMs: options.usageRetryDelaysMs } : {}),
    onEvent: (event) => events.push(event),
  })
  const callsInput = z.object({ calls: z.number().int().min(1), idempotencyKey: z.string().optional() })
  return t.router({
    flowglad: createFlowgladRouter({
      flowglad,
      router: t.router,
      procedure: t.procedure,
      customer,
      ...requestKey,
    }),
    usage: t.router({
      /** The metered action through the middleware. */
      callApi: t.procedure
        .input(callsInput)
        .use(
          gates.spend({
            meter: 'api_calls',
            amount: ({ input }: { input: { calls: number } }) => input.calls,
          }),
        )
        .mutation(({ input }) => {
          handled.push(`callApi:${input.calls}`)
          return { consumed: input.calls }
        }),
      /** A metered action whose handler takes as long as the test says (`slowHandler`). */
      slowCall: t.procedure
        .input(callsInput)
        .use(
          gates.spend({
            meter: 'api_calls',
            amount: ({ input }: { input: { calls: number } }) => input.calls,
            ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
          }),
        )
        .mutation(async ({ input }) => {
          handled.push(`slowCall:${input.calls}`)
          await options.slowHandler?.()
          return { consumed: input.calls }
        }),
      /** A metered action whose handler fails: nothing may be recorded. */
      failing: t.procedure
        .input(callsInput)
        .use(
          gates.spend({
            meter: 'api_calls',
            amount: ({ input }: { input: { calls: number } }) => input.calls,
          }),
        )
        .mutation(() => {
          throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'handler failed' })
        }),
      /** The pattern issue #10 reports: read the balance, then record (what the example app did). */
      readThenRecord: t.procedure.input(callsInput).mutation(async ({ ctx, input }) => {
        if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED' })
        const billing = flowglad.forCustomer(customerOf(ctx.session.user))
        const { usageMeterBalances } = await billing.usageMeters.balances()
        const available =
          usageMeterBalances.find((meter) => meter.slug === 'api_calls')?.availableBalance ?? 0
        if (available < input.calls) throw new TRPCError({ code: 'FORBIDDEN', message: 'Not enough credits' })
        await billing.usageEvents.create({
          usageMeterSlug: 'api_calls',
          amount: input.calls,
          transactionId: randomUUID(),
        })
        return { consumed: input.calls }
      }),
    }),
    analytics: t.router({
      /** A feature-gated read. */
      export: t.procedure.use(gates.requireFeature('advanced_analytics')).query(() => {
        handled.push('export')
        return 'date,calls\n'
      }),
      /** The same, behind middleware that rebuilds the context (as a `protectedProcedure` does). */
      exportSignedIn: t.procedure
        .use(({ ctx, next }) => {
          if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED' })
          return next({ ctx: { session: ctx.session } })
        })
        .use(gates.requireFeature('advanced_analytics'))
        .query(() => {
          handled.push('exportSignedIn')
          return 'date,calls\n'
        }),
    }),
  })
}

/** The gated app's router type. */
export type GatedRouter = ReturnType<typeof buildGatedRouter>

/** A gated app: a caller per user, what the gates reported, which handlers ran. */
export interface GatedApp {
  readonly router: GatedRouter
  readonly events: GateEvent[]
  readonly handled: string[]
  /** Every call of the app's customer resolver (the user id), router and gates alike. */
  readonly resolved: string[]
  createCaller(user: TestUser | null): ReturnType<GatedRouter['createCaller']>
}

/** Builds the gated app over the given Flowglad connection and store. */
export function createGatedApp(options: GatedAppOptions): GatedApp {
  const events: GateEvent[] = []
  const handled: string[] = []
  const resolved: string[] = []
  const router = buildGatedRouter(options, events, handled, resolved)
  return {
    router,
    events,
    handled,
    resolved,
    createCaller: (user) => router.createCaller({ session: user ? { user } : null }),
  }
}

/**
 * What the browser has: tRPC over HTTP into the gated app's fetch handler, batched (one request per
 * batch: `createContext` runs once for it) or one HTTP request per call.
 */
export function gatedHttpClient(app: GatedApp, user: TestUser, options: { batch?: boolean } = {}) {
  const link = (options.batch === false ? httpLink : httpBatchLink)({
    url: 'http://app.test/api/trpc',
    fetch: (url, init) =>
      fetchRequestHandler({
        endpoint: '/api/trpc',
        req: new Request(url, init ?? undefined),
        router: app.router,
        createContext: (): TestContext => ({ session: { user } }),
      }),
  })
  return createTRPCClient<GatedRouter>({ links: [link] })
}
