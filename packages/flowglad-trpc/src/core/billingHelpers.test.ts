import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { alice, createReactTestApp, type ReactTestApp } from '../../test/react/support/createReactTestApp'
import { withBillingHelpers } from './billingHelpers'
import {
  selectCustomerDetails,
  selectFeatures,
  selectPage,
  selectSubscriptions,
  selectUsageMeters,
} from './billingSelectors'

// Billing payloads come from the emulator through the real server procedures, never by hand.

let app: ReactTestApp
beforeEach(async () => {
  app = await createReactTestApp({ session: alice })
})
afterEach(() => app.close())

const urls = { successUrl: 'https://app.test/success', cancelUrl: 'https://app.test/cancel' }
/** Upgrades as a customer does: a checkout for the pro plan, completed on the hosted page. */
async function upgradeToPro() {
  const session = await app.createCaller().flowglad.checkout.create({ priceSlug: 'pro_monthly', ...urls })
  app.emulator.control.completeCheckoutSession(session.id)
}
const billingNow = async () => withBillingHelpers(await app.createCaller().flowglad.billing.get())

describe('billing helpers', () => {
  it('checkFeatureAccess sees toggle features of the current plan only', async () => {
    expect((await billingNow()).checkFeatureAccess('advanced_analytics')).toBe(false)
    await upgradeToPro()

    const billing = await billingNow()
    expect(billing.checkFeatureAccess('advanced_analytics')).toBe(true)
    // A usage credit grant is a feature of the plan but not a toggle: Flowglad answers false.
    expect(billing.checkFeatureAccess('pro_credits')).toBe(false)
    expect(billing.checkFeatureAccess('advanced_analytics', { subscriptionId: 'sub_unknown' })).toBe(false)
    const current = billing.currentSubscriptions?.[0]?.id
    expect(billing.checkFeatureAccess('advanced_analytics', { subscriptionId: current })).toBe(true)
  })

  it('checkUsageBalance returns the meter balance object, which usage events lower', async () => {
    const before = (await billingNow()).checkUsageBalance('api_calls')
    expect(before).toMatchObject({ slug: 'api_calls' })
    expect(before?.availableBalance).toBeGreaterThan(0)

    await app.createCaller().flowglad.usageEvents.create({ usageMeterSlug: 'api_calls', amount: 5 })

    const after = await billingNow()
    expect(after.checkUsageBalance('api_calls')?.availableBalance).toBe((before?.availableBalance ?? 0) - 5)
    expect(after.checkUsageBalance('no_such_meter')).toBeNull()
  })

  it('getProduct and getPrice look products and product prices up by slug', async () => {
    const billing = await billingNow()
    expect(billing.getProduct('pro')?.name).toBeTruthy()
    expect(billing.getPrice('pro_monthly')?.unitPrice).toBe(2000)
    expect(billing.getPrice('pro')).toBeNull()
    expect(billing.getProduct('pro_monthly')).toBeNull()
  })

  it('hasPurchased matches purchases to the product by its prices', async () => {
    expect((await billingNow()).hasPurchased('credit_top_up')).toBe(false)
    const session = await app
      .createCaller()
      .flowglad.checkout.create({ priceSlug: 'credit_top_up_once', ...urls })
    app.emulator.control.completeCheckoutSession(session.id)

    const billing = await billingNow()
    expect(billing.hasPurchased('credit_top_up')).toBe(true)
    expect(billing.hasPurchased('pro')).toBe(false)
    expect(billing.hasPurchased('no_such_product')).toBe(false)
  })
})

describe('billing selectors', () => {
  it('derive Flowglad narrow reads from one payload', async () => {
    const caller = app.createCaller().flowglad
    await upgradeToPro()
    const billing = await caller.billing.get()

    const subscriptions = selectSubscriptions(billing)
    expect(subscriptions.subscriptions).toEqual(billing.currentSubscriptions)
    expect(subscriptions.currentSubscription?.id).toBe(billing.currentSubscriptions?.[0]?.id)
    expect(selectSubscriptions(billing, { includeHistorical: true }).subscriptions).toHaveLength(
      billing.subscriptions.length,
    )

    const features = selectFeatures(billing)
    expect(features.map((feature) => feature.slug)).toEqual(['advanced_analytics'])
    expect(Object.keys(features[0] ?? {}).sort()).toEqual(['id', 'livemode', 'name', 'slug'])
    expect(selectFeatures(billing, { subscriptionId: 'sub_unknown' })).toEqual([])

    expect(selectUsageMeters(billing).map((meter) => meter.slug)).toContain('api_calls')

    const customer = selectCustomerDetails(billing.customer)
    expect(customer.externalId).toBe(alice.id)
    expect(new Date(customer.createdAt).getTime()).toBe(billing.customer.createdAt)
  })

  it('page like Flowglad: after the cursor (ignored when unknown), at most limit', () => {
    const items = ['a', 'b', 'c', 'd'].map((id) => ({ id }))
    const idOf = (item: { id: string }) => item.id
    expect(selectPage(items, idOf, { startingAfter: 'b' })).toEqual([{ id: 'c' }, { id: 'd' }])
    expect(selectPage(items, idOf, { startingAfter: 'zz', limit: 2 })).toEqual([{ id: 'a' }, { id: 'b' }])
    expect(selectPage(items, idOf, { startingAfter: 'a', limit: 1 })).toEqual([{ id: 'b' }])
  })
})
