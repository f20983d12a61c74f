import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client'
import { initTRPC, TRPCError } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import superjson from 'superjson'
import { z } from 'zod/v4'
import {
  type CreateFlowgladOptions,
  createFlowglad,
  createFlowgladRouter,
  type Flowglad,
  type FlowgladCustomer,
} from '../../src/server'

/** A signed-in user as the app's auth (e.g. Better Auth) would put it on the context. */
export interface TestUser {
  id: string
  email: string
  name: string
}

/** The app's own tRPC context: an auth session, or null when signed out. */
export interface TestContext {
  session: { user: TestUser } | null
}

/** Builds the app router a user would write: own context, superjson, an error formatter, middleware, a router beside `flowglad`. */
function buildAppRouter(flowglad: Flowglad, calls: string[]) {
  const t = initTRPC.context<TestContext>().create({
    transformer: superjson,
    // The app's formatter must apply to Flowglad procedures too: tests look for `data.app`.
    errorFormatter: ({ shape, error }) => ({
      ...shape,
      data: {
        ...shape.data,
        app: 'test-app',
        zodIssues:
          error.cause instanceof z.ZodError ? error.cause.issues.map((issue) => issue.message) : null,
      },
    }),
  })
  // App middleware runs before every Flowglad procedure; it records the call path.
  const publicProcedure = t.procedure.use(({ path, next }) => {
    calls.push(path)
    return next()
  })
  const postsRouter = t.router({
    list: publicProcedure.query(() => [{ id: 1, title: 'Hello', at: new Date(0) }]),
    secret: publicProcedure.query(({ ctx }) => {
      if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED' })
      return ctx.session.user.id
    }),
  })
  const flowgladRouter = createFlowgladRouter({
    flowglad,
    router: t.router,
    procedure: publicProcedure,
    customer: ({ ctx }) => (ctx.session ? customerOf(ctx.session.user) : null),
  })
  return t.router({ posts: postsRouter, flowglad: flowgladRouter })
}

/** The test app's router type: what a real app's `AppRouter` looks like with Flowglad mounted. */
export type AppRouter = ReturnType<typeof buildAppRouter>

/** Options of `createTestApp`. */
export interface TestAppOptions {
  /** Reuse an emulator (default: a fresh in-process one, no socket). */
  emulator?: Emulator
  /** Extra `createFlowglad` options (e.g. `allowedRedirectOrigins`, `pricingCacheTtlMs`). */
  flowglad?: Partial<CreateFlowgladOptions>
}

/** A test app over the emulator: caller, HTTP handler and tRPC client factories. */
export interface TestApp {
  emulator: Emulator
  flowglad: Flowglad
  appRouter: AppRouter
  /** Paths the app middleware saw, in order. */
  calls: string[]
  /** Errors tRPC reported through `onError` (HTTP only). */
  errors: TRPCError[]
  /** A server-side caller for a session (null = signed out). */
  createCaller(user: TestUser | null): ReturnType<AppRouter['createCaller']>
  /** The app's fetch route handler, for a session. */
  handle(request: Request, user: TestUser | null): Promise<Response>
  /** A typed tRPC client over `httpBatchLink`, whose fetch calls `handle` in-process. */
  createClient(user: TestUser | null): TRPCClient<AppRouter>
  close(): Promise<void>
}

/** Builds the test app; the emulator runs in-process unless one is given. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const emulator = options.emulator ?? (await createEmulator({ listen: false }))
  const flowglad = createFlowglad({
    apiKey: emulator.apiKey,
    baseURL: emulator.url,
    fetch: emulator.fetch,
    // Request counts here are per request: reuse across requests has its own tests (billingReuse.test.ts).
    billingReuseMs: 0,
    ...options.flowglad,
  })
  const calls: string[] = []
  const errors: TRPCError[] = []
  const appRouter = buildAppRouter(flowglad, calls)
  const handle = (request: Request, user: TestUser | null) =>
    fetchRequestHandler({
      endpoint: '/api/trpc',
      req: request,
      router: appRouter,
      createContext: (): TestContext => ({ session: user ? { user } : null }),
      onError: ({ error }) => {
        errors.push(error)
      },
    })
  return {
    emulator,
    flowglad,
    appRouter,
    calls,
    errors,
    createCaller: (user) => appRouter.createCaller({ session: user ? { user } : null }),
    handle,
    createClient: (user) =>
      createTRPCClient<AppRouter>({
        links: [
          httpBatchLink({
            url: 'http://app.test/api/trpc',
            transformer: superjson,
            fetch: (url, init) => handle(new Request(url, init ?? undefined), user),
          }),
        ],
      }),
    close: async () => {
      if (!options.emulator) await emulator.close()
    },
  }
}

/** The Flowglad identity the test app derives from a user (as its `customer` resolver does). */
export function customerOf(user: TestUser): FlowgladCustomer {
  return { externalId: user.id, email: user.email, name: user.name }
}

/** A fresh user per call, so tests never share upstream customers. */
export function testUser(name = 'Ada'): TestUser {
  const id = `user_${Math.random().toString(36).slice(2, 10)}`
  return { id, email: `${id}@example.test`, name }
}
