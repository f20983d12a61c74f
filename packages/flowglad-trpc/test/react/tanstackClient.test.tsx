// @vitest-environment jsdom
import {
  type DehydratedState,
  dehydrate,
  HydrationBoundary,
  QueryClientProvider,
} from '@tanstack/react-query'
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react'
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client'
import { createTRPCContext, createTRPCOptionsProxy } from '@trpc/tanstack-react-query'
import { type ReactNode, useState } from 'react'
import superjson from 'superjson'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createFlowgladHooks,
  FlowgladCustomerBoundary,
  isCustomerQuery,
  resetFlowgladCustomer,
} from '../../src/react/index'
import { prefetchFlowglad } from '../../src/rsc/index'
import {
  type AppRouter,
  alice,
  bob,
  createQueryClient,
  createReactTestApp,
  type ReactTestApp,
  type TestUser,
} from './support/createReactTestApp'

// The same hooks over tRPC's recommended client, `@trpc/tanstack-react-query`, with a
// `keyPrefix`: every key starts with `['app']`, so nothing may assume the path is `queryKey[0]`.

const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter, { keyPrefix: true }>()
const hooks = createFlowgladHooks({ useTRPC })

let app: ReactTestApp
let queryClient: ReturnType<typeof createQueryClient>
let trpcClient: TRPCClient<AppRouter>
beforeEach(async () => {
  app = await createReactTestApp({ session: alice })
  queryClient = createQueryClient()
  trpcClient = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: 'http://app.test/api/trpc', transformer: superjson, fetch: app.appFetch })],
  })
})

/** tRPC's provider for this client (with a key prefix) and TanStack's, as in tRPC's setup guide. */
function Wrapper({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient} keyPrefix="app">
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  )
}
afterEach(async () => {
  cleanup()
  await app.close()
})

const fetchedSince = (from: number) => app.requests.slice(from).flatMap((request) => request.paths)

function Dashboard() {
  const billing = hooks.useBilling()
  const { pricingModel } = hooks.usePricing()
  const { hasAccess, status } = hooks.useFeature('advanced_analytics')
  const { usageMeter } = hooks.useUsageMeter('api_calls')
  return (
    <>
      <p>customer: {billing.status === 'success' ? billing.customer.externalId : billing.status}</p>
      <p>pricing: {pricingModel ? 'ready' : '…'}</p>
      <p>analytics: {status === 'success' ? String(hasAccess) : '…'}</p>
      <p>credits: {usageMeter ? usageMeter.availableBalance : '…'}</p>
    </>
  )
}

describe('the hooks over @trpc/tanstack-react-query', () => {
  it('show a dashboard from one batched request, under the client keyPrefix', async () => {
    render(<Dashboard />, { wrapper: Wrapper })
    expect(await screen.findByText(`customer: ${alice.id}`)).toBeTruthy()
    expect(await screen.findByText('pricing: ready')).toBeTruthy()
    expect(screen.getByText('analytics: false')).toBeTruthy()
    expect(screen.getByText(/credits: \d+/)).toBeTruthy()
    expect(app.requests).toHaveLength(1)
    expect(app.upstreamBillingFetches()).toBe(1)
    const keys = queryClient
      .getQueryCache()
      .getAll()
      .map((query) => query.queryKey)
    expect(keys.every((key) => JSON.stringify(key[0]) === '["app"]')).toBe(true)
  })

  it('invalidate exactly what a mutation changes, through the client keys', async () => {
    const { result } = renderHook(
      () => ({
        billing: hooks.useBilling(),
        meter: hooks.useUsageMeter('api_calls'),
        res: hooks.useResources(),
      }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.res.status).toBe('success'))
    await waitFor(() => expect(result.current.billing.status).toBe('success'))
    const before = result.current.meter.usageMeter?.availableBalance ?? 0
    const from = app.requests.length
    const billing = result.current.billing
    if (billing.status !== 'success') throw new Error('not loaded')

    await act(() => billing.createUsageEvent({ usageMeterSlug: 'api_calls', amount: 2 }))

    expect(result.current.meter.usageMeter?.availableBalance).toBe(before - 2)
    expect(fetchedSince(from)).toEqual(['flowglad.usageEvents.create', 'flowglad.billing.get'])
  })
})

/** The app's auth state drives the boundary, as a session hook would. */
function App({ onSwitch }: { onSwitch: (set: (user: TestUser | null) => void) => void }) {
  const [user, setUser] = useState<TestUser | null>(alice)
  onSwitch((next) => {
    if (next) app.signIn(next)
    else app.signOut()
    setUser(next)
  })
  return (
    <FlowgladCustomerBoundary customerKey={user?.id ?? null} hooks={hooks}>
      <Dashboard />
    </FlowgladCustomerBoundary>
  )
}

describe('switching customers with a keyPrefix', () => {
  it('the boundary finds the customer queries by the client keys and keeps pricing', async () => {
    let switchTo: (user: TestUser | null) => void = () => {}
    render(<App onSwitch={(set) => (switchTo = set)} />, { wrapper: Wrapper })
    expect(await screen.findByText(`customer: ${alice.id}`)).toBeTruthy()
    expect(await screen.findByText('pricing: ready')).toBeTruthy()
    // A key layout guessed from the path alone misses every prefixed query.
    const cached = queryClient.getQueryCache().getAll()
    expect(cached.filter((query) => isCustomerQuery(query))).toEqual([])

    act(() => switchTo(bob))
    expect(screen.queryByText(`customer: ${alice.id}`)).toBeNull()
    expect(await screen.findByText(`customer: ${bob.id}`)).toBeTruthy()
    expect(screen.getByText('pricing: ready')).toBeTruthy()
    expect(fetchedSince(0).filter((path) => path.endsWith('pricing.default'))).toHaveLength(1)
  })

  it('resetFlowgladCustomer takes the sub-router of useTRPC()', async () => {
    const { result } = renderHook(
      () => ({ trpc: useTRPC(), billing: hooks.useBilling(), pricing: hooks.usePricingModel() }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.billing.status).toBe('success'))
    await waitFor(() => expect(result.current.pricing).not.toBeNull())
    const from = app.requests.length

    app.signIn(bob)
    await act(() => resetFlowgladCustomer(queryClient, result.current.trpc.flowglad))

    const billing = result.current.billing
    expect(billing.status === 'success' ? billing.customer.externalId : null).toBe(bob.id)
    expect(fetchedSince(from)).toEqual(['flowglad.billing.get'])
  })
})

describe('a server component prefetch for this client', () => {
  it('prefetchFlowglad through the options proxy (keyPrefix, router selector) hydrates the hooks: zero client requests', async () => {
    const serverQueryClient = createQueryClient()
    const proxy = createTRPCOptionsProxy<AppRouter, { keyPrefix: true }>({
      router: app.router,
      ctx: { session: { user: alice } },
      queryClient: serverQueryClient,
      keyPrefix: 'app',
    })
    await prefetchFlowglad(
      { trpc: proxy, queryClient: serverQueryClient },
      { router: (trpc) => trpc.flowglad, billing: true },
    )
    const state = JSON.parse(JSON.stringify(dehydrate(serverQueryClient))) as DehydratedState

    render(
      <HydrationBoundary state={state}>
        <Dashboard />
      </HydrationBoundary>,
      { wrapper: Wrapper },
    )

    expect(screen.getByText(`customer: ${alice.id}`)).toBeTruthy()
    expect(screen.getByText('pricing: ready')).toBeTruthy()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(app.requests).toEqual([])
  })
})
