// @vitest-environment jsdom
import { type DehydratedState, dehydrate, HydrationBoundary, type QueryClient } from '@tanstack/react-query'
import { cleanup, render, screen } from '@testing-library/react'
import { createHydrationHelpers } from '@trpc/react-query/rsc'
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FlowgladCustomerBoundary } from '../../src/react/index'
import { prefetchFlowglad, withBillingHelpers } from '../../src/rsc/index'
import {
  type AppRouter,
  alice,
  bob,
  createQueryClient,
  createReactTestApp,
  type ReactTestApp,
} from '../react/support/createReactTestApp'

let app: ReactTestApp
beforeEach(async () => {
  app = await createReactTestApp({ session: alice })
})
afterEach(async () => {
  cleanup()
  await app.close()
})

function Dashboard() {
  const billing = app.hooks.useBilling()
  const { pricingModel } = app.hooks.usePricing()
  const { usageMeter } = app.hooks.useUsageMeter('api_calls')
  const { hasAccess } = app.hooks.useFeature('advanced_analytics')
  return (
    <>
      <p>customer: {billing.status === 'success' ? billing.customer.externalId : billing.status}</p>
      <p>products: {pricingModel ? pricingModel.products.length : 'none'}</p>
      <p>credits: {usageMeter ? usageMeter.availableBalance : 'none'}</p>
      <p>analytics: {String(hasAccess)}</p>
    </>
  )
}

/** What crosses the wire: the dehydrated cache, serialised by the app's transformer, as JSON. */
function overTheWire(serverQueryClient: QueryClient): DehydratedState {
  return JSON.parse(JSON.stringify(dehydrate(serverQueryClient))) as DehydratedState
}

/** Renders the client side: the same hooks, a fresh browser cache hydrated from the server's. */
function renderHydrated(state: DehydratedState, children: ReactNode) {
  return render(<HydrationBoundary state={state}>{children}</HydrationBoundary>, { wrapper: app.Wrapper })
}

describe('a server component prefetch hydrates the client hooks', () => {
  it('through createHydrationHelpers: zero client requests', async () => {
    const serverQueryClient = createQueryClient()
    const { trpc } = createHydrationHelpers<AppRouter>(app.createCaller(), () => serverQueryClient)
    await prefetchFlowglad(trpc, { billing: true })

    renderHydrated(overTheWire(serverQueryClient), <Dashboard />)

    expect(screen.getByText(`customer: ${alice.id}`)).toBeTruthy()
    expect(screen.getByText(/products: \d+/)).toBeTruthy()
    expect(screen.getByText(/credits: \d+/)).toBeTruthy()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(app.requests).toEqual([])
  })

  it('through the createTRPCOptionsProxy of @trpc/tanstack-react-query: zero client requests', async () => {
    const serverQueryClient = createQueryClient()
    const proxy = createTRPCOptionsProxy<AppRouter>({
      router: app.router,
      ctx: { session: { user: alice } },
      queryClient: serverQueryClient,
    })
    await prefetchFlowglad({ trpc: proxy, queryClient: serverQueryClient }, { billing: true })

    renderHydrated(overTheWire(serverQueryClient), <Dashboard />)

    expect(screen.getByText(`customer: ${alice.id}`)).toBeTruthy()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(app.requests).toEqual([])
  })

  it('prefetches only pricing by default, so billing stays lazy', async () => {
    const serverQueryClient = createQueryClient()
    const { trpc } = createHydrationHelpers<AppRouter>(app.createCaller(), () => serverQueryClient)
    await prefetchFlowglad(trpc)

    expect(
      serverQueryClient
        .getQueryCache()
        .getAll()
        .map((query) => query.queryKey[0]),
    ).toEqual([['flowglad', 'pricing', 'default']])
    expect(app.upstreamBillingFetches()).toBe(0)
  })

  it('signed out, leaves billing out and the client shows UNAUTHORIZED after one request', async () => {
    app.signOut()
    const serverQueryClient = createQueryClient()
    const { trpc } = createHydrationHelpers<AppRouter>(app.createCaller(), () => serverQueryClient)
    await prefetchFlowglad(trpc, { billing: true })

    renderHydrated(overTheWire(serverQueryClient), <Dashboard />)

    expect(screen.getByText(/products: \d+/)).toBeTruthy()
    expect(await screen.findByText('customer: error')).toBeTruthy()
    expect(app.requests).toEqual([{ paths: ['flowglad.billing.get'] }])
  })
})

/** A page of a signed-in app: the customer boundary above the server's dehydrated data. */
function Page({ userId, state }: { userId: string; state: DehydratedState }) {
  return (
    <FlowgladCustomerBoundary customerKey={userId}>
      <HydrationBoundary state={state}>
        <Dashboard />
      </HydrationBoundary>
    </FlowgladCustomerBoundary>
  )
}

describe("a customer switch that arrives with the new customer's server data", () => {
  /** What a server render sends for the signed-in user: the dehydrated billing prefetch. */
  async function serverStateFor(): Promise<DehydratedState> {
    const serverQueryClient = createQueryClient()
    const { trpc } = createHydrationHelpers<AppRouter>(app.createCaller(), () => serverQueryClient)
    await prefetchFlowglad(trpc, { billing: true })
    return overTheWire(serverQueryClient)
  }

  it("shows the new customer's hydrated data in the first frame, with zero client requests", async () => {
    const { rerender } = render(<Page userId={alice.id} state={await serverStateFor()} />, {
      wrapper: app.Wrapper,
    })
    expect(screen.getByText(`customer: ${alice.id}`)).toBeTruthy()

    app.signIn(bob)
    rerender(<Page userId={bob.id} state={await serverStateFor()} />)

    expect(screen.queryByText(`customer: ${alice.id}`)).toBeNull()
    expect(screen.getByText(`customer: ${bob.id}`)).toBeTruthy()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(screen.getByText(`customer: ${bob.id}`)).toBeTruthy()
    expect(app.requests).toEqual([])
  })
})

describe('withBillingHelpers on the server', () => {
  it('gates on features and balances of the billing a server caller returns', async () => {
    const billing = withBillingHelpers(await app.createCaller().flowglad.billing.get())
    expect(billing.checkFeatureAccess('advanced_analytics')).toBe(false)
    expect(billing.checkUsageBalance('api_calls')?.availableBalance).toBeGreaterThan(0)
    expect(billing.getProduct('pro')?.slug).toBe('pro')
  })
})
