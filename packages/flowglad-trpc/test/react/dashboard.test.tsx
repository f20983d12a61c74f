// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { alice, createReactTestApp, type ReactTestApp } from './support/createReactTestApp'

let app: ReactTestApp
beforeEach(async () => {
  app = await createReactTestApp({ session: alice })
})
afterEach(async () => {
  cleanup()
  await app.close()
})

// The four widgets of a billing dashboard, each with its own hook.
function Plan() {
  const billing = app.hooks.useBilling()
  return <p>plan: {billing.loaded ? billing.currentSubscription?.name : '…'}</p>
}
function Pricing() {
  const { pricingModel } = app.hooks.usePricing()
  return <p>products: {pricingModel ? pricingModel.products.length : '…'}</p>
}
function Analytics() {
  const { hasAccess, status } = app.hooks.useFeature('advanced_analytics')
  return <p>analytics: {status === 'success' ? String(hasAccess) : '…'}</p>
}
function Credits() {
  const { usageMeter, status } = app.hooks.useUsageMeter('api_calls')
  return <p>credits: {status === 'success' ? usageMeter?.availableBalance : '…'}</p>
}

it('a dashboard of useBilling, usePricing, useFeature and useUsageMeter costs one HTTP request and one upstream billing fetch', async () => {
  render(
    <>
      <Plan />
      <Pricing />
      <Analytics />
      <Credits />
    </>,
    { wrapper: app.Wrapper },
  )

  expect(await screen.findByText(/credits: \d+/)).toBeTruthy()
  expect(await screen.findByText(/products: \d+/)).toBeTruthy()
  expect(screen.getByText('analytics: false')).toBeTruthy()
  expect(app.requests).toEqual([{ paths: ['flowglad.billing.get', 'flowglad.pricing.default'] }])
  expect(app.upstreamBillingFetches()).toBe(1)
})
