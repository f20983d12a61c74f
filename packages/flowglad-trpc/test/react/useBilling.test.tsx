// @vitest-environment jsdom
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { alice, createReactTestApp, type ReactTestApp } from './support/createReactTestApp'

let app: ReactTestApp
afterEach(async () => {
  cleanup()
  await app.close()
})

function Lazy({ show }: { show: boolean }) {
  return show ? <CustomerId /> : <p>no billing here</p>
}
function CustomerId() {
  const billing = app.hooks.useBilling()
  return <p>{billing.loaded ? `customer ${billing.customer?.externalId}` : 'loading'}</p>
}
function Name() {
  const billing = app.hooks.useBilling()
  return <p>{billing.loaded ? billing.customer?.name : '…'}</p>
}
function Email() {
  const billing = app.hooks.useBilling()
  return <p>{billing.loaded ? billing.customer?.email : '…'}</p>
}

describe('useBilling', () => {
  describe('signed in', () => {
    beforeEach(async () => {
      app = await createReactTestApp({ session: alice })
    })

    it('fetches nothing until a component that uses it mounts', async () => {
      const { Wrapper } = app
      const view = render(<Lazy show={false} />, { wrapper: Wrapper })
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(app.requests).toHaveLength(0)
      expect(app.upstreamBillingFetches()).toBe(0)

      view.rerender(<Lazy show />)
      expect(await screen.findByText(`customer ${alice.id}`)).toBeTruthy()
      expect(app.requests.map((request) => request.paths)).toEqual([['flowglad.billing.get']])
    })

    it('fetches nothing with enabled: false', async () => {
      const { result } = renderHook(() => app.hooks.useBilling({ enabled: false }), { wrapper: app.Wrapper })
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(result.current).toMatchObject({ loaded: false, isLoading: false, status: 'pending' })
      expect(app.requests).toHaveLength(0)
    })

    it('goes from loading to loaded with every billing field, the helpers and the actions', async () => {
      const { result } = renderHook(() => app.hooks.useBilling(), { wrapper: app.Wrapper })
      expect(result.current).toMatchObject({ loaded: false, isLoading: true, errors: null })

      await waitFor(() => expect(result.current.loaded).toBe(true))
      const billing = result.current
      if (billing.status !== 'success') throw new Error(`expected success, got ${billing.status}`)
      expect(billing.customer.externalId).toBe(alice.id)
      for (const field of ['subscriptions', 'purchases', 'invoices', 'paymentMethods'] as const)
        expect(Array.isArray(billing[field])).toBe(true)
      expect(billing.pricingModel.products.length).toBeGreaterThan(0)
      expect(typeof billing.billingPortalUrl).toBe('string')
      expect(billing.currentSubscription?.id).toBe(billing.currentSubscriptions?.[0]?.id)

      // The helpers answer from this customer's payload (the emulator auto-subscribes to the free plan).
      const freeProduct = billing.pricingModel.products.find((product) => product.default)
      expect(billing.getProduct(freeProduct?.slug ?? '')?.id).toBe(freeProduct?.id)
      expect(billing.getProduct('no-such-product')).toBeNull()
      const price = freeProduct?.prices[0]
      expect(billing.getPrice(price?.slug ?? '')?.id).toBe(price?.id)
      expect(billing.checkFeatureAccess('no-such-feature')).toBe(false)
      expect(billing.checkUsageBalance('no-such-meter')).toBeNull()
      expect(billing.hasPurchased('no-such-product')).toBe(false)

      for (const action of [
        'createCheckoutSession',
        'createAddPaymentMethodCheckoutSession',
        'createActivateSubscriptionCheckoutSession',
        'cancelSubscription',
        'uncancelSubscription',
        'adjustSubscription',
        'createUsageEvent',
        'reload',
      ] as const)
        expect(typeof billing[action]).toBe('function')
    })

    it('makes one request for several components using it', async () => {
      const { Wrapper } = app
      render(
        <>
          <Name />
          <Email />
          <Name />
        </>,
        { wrapper: Wrapper },
      )
      expect(await screen.findByText(alice.email)).toBeTruthy()
      expect(app.requests).toHaveLength(1)
      expect(app.upstreamBillingFetches()).toBe(1)
    })

    it('reload refetches billing', async () => {
      const { result } = renderHook(() => app.hooks.useBilling(), { wrapper: app.Wrapper })
      await waitFor(() => expect(result.current.loaded).toBe(true))
      await act(() => result.current.reload())
      expect(app.requests).toHaveLength(2)
    })
  })

  describe('signed out', () => {
    beforeEach(async () => {
      app = await createReactTestApp({ session: null })
    })

    it('is loaded with the UNAUTHORIZED error, without retrying', async () => {
      const { result } = renderHook(() => app.hooks.useBilling(), { wrapper: app.Wrapper })
      await waitFor(() => expect(result.current.status).toBe('error'))
      expect(result.current.loaded).toBe(true)
      expect(result.current.error?.data?.code).toBe('UNAUTHORIZED')
      expect(result.current.errors).toEqual([result.current.error])
      expect(result.current.customer).toBeUndefined()
      expect(app.requests).toHaveLength(1)
      expect(app.upstreamBillingFetches()).toBe(0)
    })
  })
})
