// @vitest-environment jsdom
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FlowgladCustomerBoundary, resetFlowgladCustomer } from '../../src/react/index'
import {
  alice,
  bob,
  createReactTestApp,
  type ReactTestApp,
  type TestUser,
} from './support/createReactTestApp'

let app: ReactTestApp
afterEach(async () => {
  cleanup()
  await app.close()
})

function Dashboard() {
  const billing = app.hooks.useBilling()
  const { pricingModel } = app.hooks.usePricing()
  const { features } = app.hooks.useFeatures()
  return (
    <>
      <p>customer: {billing.status === 'success' ? billing.customer.externalId : billing.status}</p>
      <p>pricing: {pricingModel ? 'ready' : '…'}</p>
      <p>features: {features ? features.length : '…'}</p>
    </>
  )
}

/** The app's auth state drives the boundary, as a session hook would. */
function App({ onSwitch }: { onSwitch: (set: (user: TestUser | null) => void) => void }) {
  const [user, setUser] = useState<TestUser | null>(alice)
  onSwitch((next) => {
    if (next) app.signIn(next)
    else app.signOut()
    setUser(next)
  })
  return (
    <FlowgladCustomerBoundary customerKey={user?.id ?? null}>
      <Dashboard />
    </FlowgladCustomerBoundary>
  )
}

describe('usePricing', () => {
  beforeEach(async () => {
    app = await createReactTestApp({ session: null })
  })

  it('loads the default pricing model signed out, null until then', async () => {
    const { result } = renderHook(() => app.hooks.usePricingModel(), { wrapper: app.Wrapper })
    expect(result.current).toBeNull()
    await waitFor(() => expect(result.current).not.toBeNull())
    expect(result.current?.products.map((product) => product.slug)).toContain('pro')
    expect(app.requests).toEqual([{ paths: ['flowglad.pricing.default'] }])
  })

  it('usePricing tells loading from loaded, with the status fields', async () => {
    const { result } = renderHook(() => app.hooks.usePricing(), { wrapper: app.Wrapper })
    expect(result.current).toMatchObject({
      status: 'pending',
      isLoading: true,
      error: null,
      pricingModel: null,
    })
    await waitFor(() => expect(result.current.status).toBe('success'))
    expect(result.current.isLoading).toBe(false)
    expect(result.current.pricingModel?.products.length).toBeGreaterThan(0)
  })
})

describe('switching customers', () => {
  beforeEach(async () => {
    app = await createReactTestApp({ session: alice })
  })

  it('shows none of the previous customer after sign-out, then the next customer after sign-in, keeping pricing', async () => {
    let switchTo: (user: TestUser | null) => void = () => {}
    render(<App onSwitch={(set) => (switchTo = set)} />, { wrapper: app.Wrapper })
    expect(await screen.findByText(`customer: ${alice.id}`)).toBeTruthy()
    expect(await screen.findByText('pricing: ready')).toBeTruthy()
    const pricingFetches = () =>
      app.requests.flatMap((request) => request.paths).filter((path) => path.endsWith('pricing.default'))
    expect(pricingFetches()).toHaveLength(1)

    act(() => switchTo(null))
    // Right after the switch nothing of Alice's is on screen, not even while refetching.
    expect(screen.queryByText(`customer: ${alice.id}`)).toBeNull()
    expect(await screen.findByText('customer: error')).toBeTruthy()
    expect(screen.getByText('features: …')).toBeTruthy()

    act(() => switchTo(bob))
    expect(screen.queryByText(`customer: ${alice.id}`)).toBeNull()
    expect(await screen.findByText(`customer: ${bob.id}`)).toBeTruthy()
    expect(screen.getByText('pricing: ready')).toBeTruthy()
    expect(pricingFetches()).toHaveLength(1)
  })

  it('resetFlowgladCustomer clears cached customer queries but keeps the public pricing model', async () => {
    const { result } = renderHook(
      () => ({ billing: app.hooks.useBilling(), pricing: app.hooks.usePricingModel() }),
      {
        wrapper: app.Wrapper,
      },
    )
    await waitFor(() => expect(result.current.billing.status).toBe('success'))
    await waitFor(() => expect(result.current.pricing).not.toBeNull())

    app.signIn(bob)
    await act(() => resetFlowgladCustomer(app.queryClient))

    const billing = result.current.billing
    expect(billing.status === 'success' ? billing.customer.externalId : null).toBe(bob.id)
    expect(result.current.pricing).not.toBeNull()
  })
})
