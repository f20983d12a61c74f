import { describe, expect, it } from 'vitest'
import { planOffer, planWithFeature, topUpLabel, topUpOffer } from '@/lib/billingOffers'
import { creditBreakdown } from '@/lib/creditBreakdown'
import { signUp } from './support/signUp'

// What the dashboard's usage card shows, computed from a real customer's billing (real session,
// caller and emulator): the offers come from the pricing model, and the balance's split into
// allowance and top-up credits matches the order Flowglad spends them in (allowance first).

type Caller = Awaited<ReturnType<typeof signUp>>['caller']

/** Pays a price through the emulator's hosted checkout, as the browser does (Pay on the hosted page). */
async function buy(caller: Caller, priceSlug: 'pro_monthly' | 'credit_top_up_once'): Promise<void> {
  const { url } = await caller.flowglad.checkout.create({
    priceSlug,
    successUrl: `http://localhost:3000/dashboard?paid=${priceSlug}`,
    cancelUrl: 'http://localhost:3000/dashboard',
  })
  const paid = await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual' })
  expect(paid.status).toBe(303)
}

async function breakdown(caller: Caller) {
  const billing = await caller.flowglad.billing.get()
  const { usageMeterBalances } = await caller.flowglad.usageMeters.balances()
  const available =
    usageMeterBalances.find((meter) => meter.slug === 'api_calls')?.availableBalance ?? Number.NaN
  return { billing, available, credits: creditBreakdown(billing, 'api_calls', available) }
}

describe('the usage card', () => {
  it('offers the top-up and Pro with the prices and allowances of the pricing model', async () => {
    const { caller } = await signUp()
    const { billing, credits } = await breakdown(caller)
    const topUp = topUpOffer(billing.pricingModel, 'api_calls')
    expect(topUp).toMatchObject({ priceSlug: 'credit_top_up_once', calls: 500, amount: '$10' })
    expect(topUp && topUpLabel(topUp)).toBe('500 calls for $10')
    expect(planOffer(billing.pricingModel, 'api_calls', credits.currentPriceIds)).toMatchObject({
      priceSlug: 'pro_monthly',
      productName: 'Pro',
      price: '$20 / month',
      calls: 1000,
    })
    expect(planWithFeature(billing.pricingModel, 'advanced_analytics')).toMatchObject({
      productName: 'Pro',
      price: '$20 / month',
    })
  })

  it('splits the balance: the allowance is spent first, top-up credits after, and shown apart', async () => {
    const { caller } = await signUp()
    const fresh = await breakdown(caller)
    expect(fresh.credits).toMatchObject({ allowance: 100, allowanceLeft: 100, topUpLeft: 0, capacity: 100 })
    expect(fresh.credits.resetsAt).not.toBeNull()

    await caller.usage.callApi({ calls: 95 })
    await buy(caller, 'credit_top_up_once')
    const toppedUp = await breakdown(caller)
    expect(toppedUp.available).toBe(505)
    expect(toppedUp.credits).toMatchObject({
      allowance: 100,
      allowanceLeft: 5,
      topUpLeft: 500,
      capacity: 600,
    })

    // 10 calls: the 5 left of the allowance, then 5 of the top-up.
    await caller.usage.callApi({ calls: 10 })
    const after = await breakdown(caller)
    expect(after.available).toBe(495)
    expect(after.credits).toMatchObject({ allowanceLeft: 0, topUpLeft: 495 })
  })

  it('offers no plan to a customer already on it', async () => {
    const { caller } = await signUp()
    await buy(caller, 'pro_monthly')
    const { billing, credits } = await breakdown(caller)
    expect(credits.allowance).toBe(1000)
    expect(planOffer(billing.pricingModel, 'api_calls', credits.currentPriceIds)).toBeNull()
  })
})
