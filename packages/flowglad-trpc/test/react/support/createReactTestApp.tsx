import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { httpBatchLink } from '@trpc/client'
import { createTRPCReact } from '@trpc/react-query'
import { initTRPC } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import type { ReactNode } from 'react'
import superjson from 'superjson'
import { createFlowgladHooks } from '../../../src/react/index'
import { createFlowglad, createFlowgladRouter } from '../../../src/server/index'

// Real parts end to end: React hooks -> the app's tRPC client (httpBatchLink, superjson) ->
// tRPC's fetch adapter and router -> flowglad-trpc/server -> @flowglad/node -> the emulator,
// all in process. Counts every HTTP request the browser side makes.

/** Who the app thinks is signed in. */
export interface TestUser {
  id: string
  email: string
  name: string
}

/** tRPC context of the test app: a session, as an auth library would put it. */
export interface TestContext {
  session: { user: TestUser } | null
}

// `isServer`: the router runs in this process next to jsdom's `window` (tests, bench).
const t = initTRPC.context<TestContext>().create({ transformer: superjson, isServer: true })

function buildRouter(flowglad: ReturnType<typeof createFlowglad>) {
  return t.router({
    flowglad: createFlowgladRouter({
      flowglad,
      router: t.router,
      procedure: t.procedure,
      customer: ({ ctx }) =>
        ctx.session
          ? { externalId: ctx.session.user.id, email: ctx.session.user.email, name: ctx.session.user.name }
          : null,
    }),
  })
}

/** The test app's router type. */
export type AppRouter = ReturnType<typeof buildRouter>

/** The test app's React tRPC object, as an app would declare it. */
export const trpc = createTRPCReact<AppRouter>()

/** One HTTP request the client sent: its tRPC procedure paths (a batch has several). */
export interface ClientRequest {
  paths: string[]
}

/** A fresh QueryClient configured as tRPC's docs advise for hydration with superjson. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      dehydrate: { serializeData: superjson.serialize },
      hydrate: { deserializeData: superjson.deserialize },
    },
  })
}

/** tRPC's provider plus TanStack's, as in tRPC's setup guide. */
export function AppProviders({
  client,
  queryClient,
  children,
}: {
  client: ReturnType<typeof trpc.createClient>
  queryClient: QueryClient
  children: ReactNode
}) {
  return (
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  )
}

/** Builds the app over a fresh emulator; `close()` it after the test. */
export async function createReactTestApp(
  options: { session?: TestUser | null; upstreamOverHttp?: boolean } = {},
) {
  // In process by default; over a real socket when a bench compares with an SDK that needs one.
  const emulator: Emulator = await createEmulator({ listen: options.upstreamOverHttp ?? false })
  const flowglad = createFlowglad({
    apiKey: emulator.apiKey,
    baseURL: emulator.url,
    ...(options.upstreamOverHttp ? {} : { fetch: emulator.fetch }),
  })
  const router = buildRouter(flowglad)
  // Both test users have signed up (the app's sign-up hook creates the Flowglad customer), so
  // the request log below starts with what the hooks cause.
  for (const user of [alice, bob])
    await flowglad.customers.findOrCreate({ externalId: user.id, email: user.email, name: user.name })
  emulator.control.clearRequests()
  let session: TestContext['session'] = options.session ? { user: options.session } : null
  const requests: ClientRequest[] = []
  const navigations: string[] = []

  const appFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init)
    const path = new URL(req.url).pathname.replace('/api/trpc/', '')
    requests.push({ paths: path.split(',') })
    // The session is read per request, like a cookie would be.
    const current = session
    return fetchRequestHandler({
      endpoint: '/api/trpc',
      req,
      router,
      createContext: () => ({ session: current }),
    })
  }

  const queryClient = createQueryClient()
  const client = trpc.createClient({
    links: [httpBatchLink({ url: 'http://app.test/api/trpc', transformer: superjson, fetch: appFetch })],
  })
  const hooks = createFlowgladHooks(trpc, { navigate: (url) => navigations.push(url) })

  // renderHook/render's `wrapper`: the providers an app using tRPC already has, nothing of ours.
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AppProviders client={client} queryClient={queryClient}>
      {children}
    </AppProviders>
  )

  return {
    emulator,
    router,
    hooks,
    queryClient,
    Wrapper: wrapper,
    /** HTTP requests the client sent to the app. */
    requests,
    /** URLs `autoRedirect` navigated to. */
    navigations,
    /** Upstream `GET /customers/{id}/billing` calls the server made. */
    upstreamBillingFetches: () =>
      emulator.control.requests({ method: 'GET', path: /^\/api\/v1\/customers\/[^/]+\/billing$/ }).length,
    /** A server-side caller with the current session (what a server component would use). */
    createCaller: () => router.createCaller({ session }),
    signIn: (user: TestUser) => {
      session = { user }
    },
    signOut: () => {
      session = null
    },
    flowglad,
    close: () => emulator.close(),
  }
}

/** What {@link createReactTestApp} resolves to. */
export type ReactTestApp = Awaited<ReturnType<typeof createReactTestApp>>

/** Test users. */
export const alice: TestUser = { id: 'user_alice', email: 'alice@example.com', name: 'Alice' }
export const bob: TestUser = { id: 'user_bob', email: 'bob@example.com', name: 'Bob' }
