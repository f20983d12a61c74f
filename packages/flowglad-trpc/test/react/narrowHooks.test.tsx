// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { alice, createReactTestApp, type ReactTestApp } from './support/createReactTestApp'

let app: ReactTestApp
beforeEach(async () => {
  app = await createReactTestApp({ session: alice })
})
afterEach(async () => {
  cleanup()
  await app.close()
})

/** Upgrades as a customer does: a checkout for the pro plan, completed on the hosted page. */
async function upgradeToPro() {
  const urls = { successUrl: 'https://app.test/success', cancelUrl: 'https://app.test/cancel' }
  const session = await app.createCaller().flowglad.checkout.create({ priceSlug: 'pro_monthly', ...urls })
  app.emulator.control.completeCheckoutSession(session.id)
}

const urls = { successUrl: 'https://app.test/success', cancelUrl: 'https://app.test/cancel' }

/** Alice buys a top-up and upgrades to pro, so every list has something in it. */
async function seedCustomer() {
  const caller = app.createCaller().flowglad
  const session = await caller.checkout.create({ priceSlug: 'credit_top_up_once', ...urls })
  app.emulator.control.completeCheckoutSession(session.id)
  // Flowglad upgrades from the free plan by creating the paid subscription (it ends the free one).
  await upgradeToPro()
  app.emulator.control.clearRequests()
}

describe('narrow hooks derived from billing', () => {
  it('answer with Flowglad names from the one billing request', async () => {
    await seedCustomer()
    const { result } = renderHook(
      () => ({
        subscriptions: app.hooks.useSubscriptions(),
        history: app.hooks.useSubscriptions({ includeHistorical: true }),
        subscription: app.hooks.useSubscription(),
        features: app.hooks.useFeatures(),
        feature: app.hooks.useFeature('advanced_analytics'),
        missing: app.hooks.useFeature('no_such_feature'),
        meters: app.hooks.useUsageMeters(),
        meter: app.hooks.useUsageMeter('api_calls'),
        paymentMethods: app.hooks.usePaymentMethods(),
        invoices: app.hooks.useInvoices(),
        firstPurchase: app.hooks.usePurchases({ limit: 1 }),
        customer: app.hooks.useCustomerDetails(),
      }),
      { wrapper: app.Wrapper },
    )
    await waitFor(() => expect(result.current.customer.status).toBe('success'))
    const hooks = result.current

    expect(hooks.subscriptions.currentSubscription?.id).toBe(hooks.subscription.subscription?.id)
    expect(hooks.history.subscriptions?.length).toBeGreaterThanOrEqual(
      hooks.subscriptions.subscriptions?.length ?? 0,
    )
    expect(hooks.features.features?.map((feature) => feature.slug)).toEqual(['advanced_analytics'])
    expect(hooks.feature).toMatchObject({ hasAccess: true, feature: { slug: 'advanced_analytics' } })
    expect(hooks.missing).toMatchObject({ hasAccess: false, feature: null })
    expect(hooks.meters.usageMeters?.map((meter) => meter.slug)).toContain('api_calls')
    expect(hooks.meter.usageMeter?.slug).toBe('api_calls')
    expect(Array.isArray(hooks.paymentMethods.paymentMethods)).toBe(true)
    expect(typeof hooks.paymentMethods.billingPortalUrl).toBe('string')
    expect(hooks.invoices.invoices?.length).toBeGreaterThan(0)
    expect(hooks.firstPurchase.purchases).toHaveLength(1)
    const purchaseName = hooks.firstPurchase.purchases?.[0]?.name ?? ''
    expect(hooks.firstPurchase.hasPurchased(purchaseName)).toBe(true)
    expect(hooks.firstPurchase.hasPurchased('no such purchase')).toBe(false)
    expect(hooks.customer.customer).toMatchObject({ externalId: alice.id, email: alice.email })
    expect(hooks.customer.customer?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/)

    expect(app.requests).toEqual([{ paths: ['flowglad.billing.get'] }])
    expect(app.upstreamBillingFetches()).toBe(1)
  })

  it('expose TanStack status, error and refetch, and accept query options', async () => {
    const { result } = renderHook(() => app.hooks.useFeatures(undefined, { enabled: false }), {
      wrapper: app.Wrapper,
    })
    expect(result.current).toMatchObject({
      status: 'pending',
      isLoading: false,
      error: null,
      features: undefined,
    })
    await act(() => result.current.refetch())
    await waitFor(() => expect(result.current.status).toBe('success'))
    expect(result.current.features).toEqual([])
    expect(app.requests).toHaveLength(1)
  })

  it('useSubscription.uncancel undoes a scheduled cancellation', async () => {
    await seedCustomer()
    const { result } = renderHook(() => app.hooks.useSubscription(), { wrapper: app.Wrapper })
    await waitFor(() => expect(result.current.status).toBe('success'))

    await act(() => result.current.cancel({ cancellation: { timing: 'at_end_of_current_billing_period' } }))
    expect(result.current.subscription?.status).toBe('cancellation_scheduled')
    await act(() => result.current.uncancel())
    expect(result.current.subscription?.status).toBe('active')
  })
})

describe('one answer per question', () => {
  it('useFeature(slug).hasAccess and billing.checkFeatureAccess(slug) agree, as do the meter reads', async () => {
    await upgradeToPro()
    const { result } = renderHook(
      () => ({
        billing: app.hooks.useBilling(),
        feature: app.hooks.useFeature('advanced_analytics'),
        meter: app.hooks.useUsageMeter('api_calls'),
      }),
      { wrapper: app.Wrapper },
    )
    await waitFor(() => expect(result.current.billing.status).toBe('success'))
    const { billing, feature, meter } = result.current
    if (billing.status !== 'success') throw new Error('not loaded')
    const current = billing.currentSubscriptions?.[0]
    expect(billing.checkFeatureAccess('advanced_analytics', { subscriptionId: current?.id })).toBe(true)
    expect(billing.checkFeatureAccess('advanced_analytics', { subscriptionId: 'sub_other' })).toBe(false)

    expect(feature.hasAccess).toBe(true)
    expect(billing.checkFeatureAccess('advanced_analytics')).toBe(feature.hasAccess)
    expect(billing.checkUsageBalance('api_calls')).toEqual(meter.usageMeter)
  })
})

describe('resource hooks', () => {
  it('claim and release refresh usages and claims', async () => {
    const { result } = renderHook(
      () => ({ resources: app.hooks.useResources(), seats: app.hooks.useResource('seats') }),
      { wrapper: app.Wrapper },
    )
    await waitFor(() => expect(result.current.seats.usage).toBeDefined())
    const before = result.current.seats.usage
    expect(result.current.seats.claims).toEqual([])

    await act(() => result.current.seats.claim({ externalId: 'member_1' }))
    expect(result.current.seats.claims).toHaveLength(1)
    expect(result.current.resources.resources?.find((usage) => usage.resourceSlug === 'seats')).toEqual(
      result.current.seats.usage,
    )
    expect(result.current.seats.usage).not.toEqual(before)

    await act(() => result.current.seats.release({ externalId: 'member_1' }))
    expect(result.current.seats.claims).toEqual([])
    expect(result.current.seats.usage).toEqual(before)
  })
})

describe('useCheckouts', () => {
  it('reports the BAD_REQUEST of an invalid checkout and keeps working', async () => {
    const { result } = renderHook(() => app.hooks.useCheckouts(), { wrapper: app.Wrapper })
    let error: unknown
    await act(async () => {
      error = await result.current
        .createCheckoutSession({
          priceSlug: 'pro_monthly',
          successUrl: 'not a url',
          cancelUrl: urls.cancelUrl,
        })
        .catch((caught: unknown) => caught)
    })
    expect(error).toMatchObject({ data: { code: 'BAD_REQUEST' } })
    await waitFor(() => expect(result.current.error?.data?.code).toBe('BAD_REQUEST'))
    expect(result.current.isPending).toBe(false)
    expect(app.navigations).toEqual([])
  })
})

describe('useSubscription without a current subscription', () => {
  it('rejects its actions with "No active subscription" and sends nothing', async () => {
    // Flowglad keeps a customer on its free plan; a paid subscription created without a payment
    // method replaces it and stays `incomplete` (not current) until paid: no current subscription.
    await app.flowglad
      .forCustomer({ externalId: alice.id, email: alice.email, name: alice.name })
      .subscriptions.create({ priceSlug: 'pro_monthly' })
    const { result } = renderHook(() => app.hooks.useSubscription(), { wrapper: app.Wrapper })
    await waitFor(() => expect(result.current.status).toBe('success'))
    expect(result.current.subscription).toBeNull()
    const from = app.requests.length

    await expect(result.current.uncancel()).rejects.toThrow('No active subscription')
    expect(app.requests.length).toBe(from)
  })
})
