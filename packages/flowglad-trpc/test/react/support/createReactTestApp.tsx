import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { httpBatchLink } from '@trpc/client'
import { createTRPCReact } from '@trpc/react-query'
import { createEmulator } from 'flowglad-emulator'
import type { ReactNode } from 'react'
import superjson from 'superjson'
import { createFlowgladHooks } from '../../../src/react/index'
import { type AppRouter, createTestApp, customerOf, type TestUser } from '../../support/createTestApp'

// Built on the shared test app (test/support): its AppRouter (superjson, session in ctx, the
// emulator behind it) and its in-process fetch route handler. Added here for the browser side:
// the app's React tRPC client over httpBatchLink, a session that can change (sign-in/out),
// every HTTP request the client sends, and where `autoRedirect` navigated.

export type { AppRouter, TestUser }

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

/** Test users. */
export const alice: TestUser = { id: 'user_alice', email: 'alice@example.com', name: 'Alice' }
export const bob: TestUser = { id: 'user_bob', email: 'bob@example.com', name: 'Bob' }

/** Builds the app over a fresh emulator; `close()` it after the test. */
export async function createReactTestApp(
  options: {
    session?: TestUser | null
    upstreamOverHttp?: boolean
    /** The first answer to a request for this procedure is lost on the way back (the server did run it). */
    loseFirstAnswerOf?: string
  } = {},
) {
  // In process by default; over a real socket when a bench compares with an SDK that needs one.
  const overHttp = options.upstreamOverHttp ?? false
  const emulator = await createEmulator({ listen: overHttp })
  const base = await createTestApp({ emulator, flowglad: overHttp ? { fetch: undefined } : {} })
  // Both test users have signed up (the app's sign-up hook creates the Flowglad customer), so
  // the request log starts with what the hooks cause.
  for (const user of [alice, bob]) await base.flowglad.customers.findOrCreate(customerOf(user))
  emulator.control.clearRequests()

  let user: TestUser | null = options.session ?? null
  const requests: ClientRequest[] = []
  const navigations: string[] = []
  let answerToLose = options.loseFirstAnswerOf
  const appFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const paths = new URL(request.url).pathname.replace('/api/trpc/', '').split(',')
    requests.push({ paths })
    // The session is read per request, as a cookie would be.
    const response = await base.handle(request, user)
    if (answerToLose !== undefined && paths.includes(answerToLose)) {
      answerToLose = undefined
      throw new TypeError('network error: the answer was lost')
    }
    return response
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
    router: base.appRouter,
    flowglad: base.flowglad,
    hooks,
    queryClient,
    Wrapper: wrapper,
    /** HTTP requests the client sent to the app. */
    requests,
    /** The app's HTTP endpoint as a fetch (logs into `requests`), for a second tRPC client. */
    appFetch,
    /** URLs `autoRedirect` navigated to. */
    navigations,
    /** Upstream `GET /customers/{id}/billing` calls the server made. */
    upstreamBillingFetches: () =>
      emulator.control.requests({ method: 'GET', path: /^\/api\/v1\/customers\/[^/]+\/billing$/ }).length,
    /** A server-side caller for the current session (what a server component would use). */
    createCaller: () => base.createCaller(user),
    signIn: (next: TestUser) => {
      user = next
    },
    signOut: () => {
      user = null
    },
    close: () => emulator.close(),
  }
}

/** What {@link createReactTestApp} resolves to. */
export type ReactTestApp = Awaited<ReturnType<typeof createReactTestApp>>
