import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { balance, buy, createRig, current, DAY, type EmulatorRig, signUp, spend } from './support/emulatorRig'

/**
 * Money rules the local oracle cannot run yet (a checkout completes through Stripe's webhook and a
 * Trigger.dev task), checked on the emulator against Flowglad's source (FIDELITY.md cites each).
 */
/** The emulator starts per test; on a loaded 2-core machine that alone can pass vitest's 5 s default. */
const TIMEOUT = { timeout: 60_000 }

let rig: EmulatorRig
beforeEach(async () => {
  rig = await createRig()
}, TIMEOUT.timeout)
afterEach(() => rig.close())

describe('top-up grants (processPaymentIntentStatusUpdated.ts ledgerCommandForPaymentSucceeded)', () => {
  it('grants the credit feature amount once per payment, whatever the quantity bought', TIMEOUT, async () => {
    const { client } = rig
    await signUp(client)
    expect(await balance(client)).toBe(100)
    await buy(rig, 'credit_top_up_once', 'user_1', 3)
    // 100 from the free plan + 500 once: Flowglad issues the feature amount, not amount × quantity.
    expect(await balance(client)).toBe(600)
  })

  it('a replayed completion of the same session grants nothing more', TIMEOUT, async () => {
    const { client } = rig
    await signUp(client)
    const session = await buy(rig, 'credit_top_up_once')
    expect(() => rig.emulator.control.completeCheckoutSession(session.id)).toThrow(/not open/)
    expect(await balance(client)).toBe(600)
    const { purchases } = await client.customers.retrieveBilling('user_1')
    expect(purchases).toHaveLength(1)
  })

  it('lands on the current subscription', TIMEOUT, async () => {
    const { client } = rig
    await signUp(client)
    const free = await current(client)
    await buy(rig, 'credit_top_up_once')
    const { usageMeterBalances } = (await client.get('/api/v1/customers/user_1/usage-balances', {
      query: { subscriptionId: free.id },
    })) as { usageMeterBalances: Array<{ availableBalance: number }> }
    expect(usageMeterBalances.map((b) => b.availableBalance)).toEqual([600])
  })
})

describe('renewal (billingPeriodHelpers.ts attemptBillingPeriodTransition)', () => {
  it(
    'a trial that ends without a card renews past_due: credits granted, nothing charged, every period',
    TIMEOUT,
    async () => {
      const { client } = rig
      const { customer } = await signUp(client)
      const { subscription } = await client.subscriptions.create({
        customerId: customer.id,
        priceSlug: 'pro_monthly',
        trialEnd: rig.emulator.control.now() + DAY,
      } as Parameters<typeof client.subscriptions.create>[0])
      expect(subscription.status).toBe('trialing')
      expect(await balance(client)).toBe(1000)
      await spend(client, subscription.id, 400, 'trial_spend')

      for (const period of [1, 2]) {
        rig.emulator.control.advanceClock(31 * DAY)
        const renewed = await current(client)
        expect(renewed, `period ${period}`).toMatchObject({ id: subscription.id, status: 'past_due' })
        // Recurring credits are replaced each period (not added up), and no invoice is paid.
        expect(await balance(client)).toBe(1000)
        const { invoices } = await client.customers.retrieveBilling('user_1')
        expect(invoices).toEqual([])
      }
    },
  )
})
