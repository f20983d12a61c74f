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

/** Procedures the client fetched since `from` (one entry per procedure, batches flattened). */
const fetchedSince = (from: number) => app.requests.slice(from).flatMap((request) => request.paths)

/** Billing, resources and a usage meter on one page, loaded. */
async function renderPage() {
  const { hooks, Wrapper } = app
  const view = renderHook(
    () => ({
      billing: hooks.useBilling(),
      meter: hooks.useUsageMeter('api_calls'),
      subscription: hooks.useSubscription(),
      resources: hooks.useResources(),
    }),
    { wrapper: Wrapper },
  )
  await waitFor(() => {
    expect(view.result.current.billing.status).toBe('success')
    expect(view.result.current.resources.status).toBe('success')
  })
  return view
}

describe('mutations invalidate exactly what they change', () => {
  it('a usage event refreshes billing balances, not resources', async () => {
    const view = await renderPage()
    const before = view.result.current.meter.usageMeter?.availableBalance ?? 0
    const from = app.requests.length

    const billing = view.result.current.billing
    if (billing.status !== 'success') throw new Error('not loaded')
    await act(() => billing.createUsageEvent({ usageMeterSlug: 'api_calls', amount: 3 }))

    expect(view.result.current.meter.usageMeter?.availableBalance).toBe(before - 3)
    expect(fetchedSince(from)).toEqual(['flowglad.usageEvents.create', 'flowglad.billing.get'])
  })

  it('a cancel refreshes billing, subscriptions and features, and the resources that depend on the subscription', async () => {
    // Flowglad refuses to cancel the default free plan: cancel a paid one.
    await upgradeToPro()
    const view = await renderPage()
    const subscriptionId = view.result.current.subscription.subscription?.id
    expect(subscriptionId).toBeDefined()
    const from = app.requests.length

    await act(() => view.result.current.subscription.cancel({ cancellation: { timing: 'immediately' } }))

    expect(fetchedSince(from).sort()).toEqual(
      ['flowglad.subscriptions.cancel', 'flowglad.billing.get', 'flowglad.resources.list'].sort(),
    )
    // The canceled subscription is no longer current, in every hook reading billing.
    expect(view.result.current.subscription.subscription?.id).not.toBe(subscriptionId)
    const billing = view.result.current.billing
    expect(billing.currentSubscriptions?.some((subscription) => subscription.id === subscriptionId)).toBe(
      false,
    )
  })

  it('an upgrade refreshes feature access', async () => {
    // Flowglad refuses to adjust the free plan (an upgrade is a paid checkout): the hook reports
    // the refusal. Then the upgrade arrives (checkout completed) and a cancel through the hook
    // takes the feature away on screen by the time the action resolves.
    const free = await renderPage()
    const onFree = free.result.current.billing
    if (onFree.status !== 'success') throw new Error('not loaded')
    expect(onFree.checkFeatureAccess('advanced_analytics')).toBe(false)
    const refused = await onFree
      .adjustSubscription({ priceSlug: 'pro_monthly', timing: 'immediately' })
      .catch((error: unknown) => error)
    expect(refused).toMatchObject({ data: { code: 'BAD_REQUEST' } })
    free.unmount()
    app.queryClient.clear()

    await upgradeToPro()
    const view = await renderPage()
    const billing = view.result.current.billing
    if (billing.status !== 'success') throw new Error('not loaded')
    expect(billing.checkFeatureAccess('advanced_analytics')).toBe(true)
    const pro = billing.currentSubscriptions?.[0]?.id ?? ''
    await act(() => billing.cancelSubscription({ id: pro, cancellation: { timing: 'immediately' } }))

    const after = view.result.current.billing
    if (after.status !== 'success') throw new Error('not loaded')
    expect(after.checkFeatureAccess('advanced_analytics')).toBe(false)
  })

  it('a failed mutation rejects with the BAD_REQUEST error and refreshes nothing', async () => {
    const view = await renderPage()
    const billing = view.result.current.billing
    if (billing.status !== 'success') throw new Error('not loaded')
    const from = app.requests.length

    const error = await billing.createUsageEvent({ amount: 1 }).catch((caught: unknown) => caught)

    expect(error).toMatchObject({ data: { code: 'BAD_REQUEST' } })
    expect(fetchedSince(from)).toEqual(['flowglad.usageEvents.create'])
  })
})

describe('usage events and retries', () => {
  it('a retried usage event keeps its transactionId: one event upstream when the first answer is lost', async () => {
    await app.close()
    app = await createReactTestApp({ session: alice, loseFirstAnswerOf: 'flowglad.usageEvents.create' })
    app.queryClient.setDefaultOptions({ ...app.queryClient.getDefaultOptions(), mutations: { retry: 1 } })
    const view = await renderPage()
    const before = view.result.current.meter.usageMeter?.availableBalance ?? 0
    const from = app.requests.length
    const billing = view.result.current.billing
    if (billing.status !== 'success') throw new Error('not loaded')

    await act(() => billing.createUsageEvent({ usageMeterSlug: 'api_calls', amount: 4 }))

    // Two attempts reached the server, and Flowglad recorded one event.
    expect(fetchedSince(from).filter((path) => path === 'flowglad.usageEvents.create')).toHaveLength(2)
    expect(view.result.current.meter.usageMeter?.availableBalance).toBe(before - 4)
  })
})

describe('checkout', () => {
  const urls = { successUrl: 'https://app.test/success', cancelUrl: 'https://app.test/cancel' }

  it('navigates to the checkout page with autoRedirect', async () => {
    const { result } = renderHook(() => app.hooks.useCheckouts(), { wrapper: app.Wrapper })
    const session = await act(() =>
      result.current.createCheckoutSession({ priceSlug: 'pro_monthly', autoRedirect: true, ...urls }),
    )
    expect(session.url).toMatch(/^http/)
    expect(app.navigations).toEqual([session.url])
  })

  it('stays put without autoRedirect and invalidates nothing', async () => {
    const view = await renderPage()
    const billing = view.result.current.billing
    if (billing.status !== 'success') throw new Error('not loaded')
    const from = app.requests.length
    const session = await act(() => billing.createCheckoutSession({ priceSlug: 'pro_monthly', ...urls }))
    expect(session.id).toBeTruthy()
    expect(app.navigations).toEqual([])
    expect(fetchedSince(from)).toEqual(['flowglad.checkout.create'])
  })
})
