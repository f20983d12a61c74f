import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { completeCheckout } from '../support/completeCheckout'
import { describeMismatches } from '../support/conformanceClient'
import { type ConformanceTarget, openConformanceTarget } from '../support/conformanceTarget'

/**
 * What a paid checkout does to money, on both targets (as test/conformance/money.test.ts). On the oracle
 * the checkout is completed through Flowglad's page procedures, the Stripe stand-in and Flowglad's
 * own Trigger.dev tasks (test/support/completeCheckout.ts; needs scripts/oracle/task-runner.sh).
 * Uses the default pricing model: `pro_monthly` (2000 a month, 1000 credits per unit, 5 seats per
 * unit) and `credit_top_up_once` (1000 once, 500 credits), on a free plan granting 100.
 */

/** A completion on the oracle runs a dozen tasks in a dev-mode server: minutes, not seconds. */
const SLOW = { timeout: 600_000 }

let target: ConformanceTarget
beforeAll(async () => {
  target = await openConformanceTarget()
}, SLOW.timeout)

afterEach(() => {
  const exchanges = target.fetch.exchanges as unknown as unknown[]
  const mismatches = describeMismatches(target.fetch.exchanges)
  exchanges.splice(0)
  expect(mismatches).toEqual([])
})

afterAll(async () => {
  await target.close()
}, SLOW.timeout)

const signUp = async (label: string) => {
  const externalId = target.newExternalId(label)
  await target.client.customers.create({
    customer: { externalId, email: `${externalId}@example.com`, name: `Checkout ${label}` },
  })
  return externalId
}
const checkout = async (externalId: string, priceSlug: string, quantity: number) =>
  (
    await target.client.checkoutSessions.create({
      checkoutSession: {
        type: 'product',
        customerExternalId: externalId,
        priceSlug,
        quantity,
        successUrl: 'https://example.com/success',
        cancelUrl: 'https://example.com/cancel',
      },
    })
  ).checkoutSession.id
type Balance = { slug: string; availableBalance: number }
/** What a customer has been charged and holds: the facts a replayed payment must not change. */
const ledger = async (externalId: string) => {
  const billing = await target.client.customers.retrieveBilling(externalId)
  const { usageMeterBalances } = (await target.client.get(
    `/api/v1/customers/${externalId}/usage-balances`,
  )) as {
    usageMeterBalances: Balance[]
  }
  return {
    subscriptions: billing.subscriptions
      .map((s) => [s.name, s.status, s.cancellationReason ?? null])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    // Oldest first; the billing query has no ORDER BY, so the order is the invoice number's.
    invoices: [...billing.invoices]
      .sort((a, b) => String(a.invoice.invoiceNumber).localeCompare(String(b.invoice.invoiceNumber)))
      .map(({ invoice, invoiceLineItems }) => ({
        status: invoice.status,
        // Line items come in no fixed order either: by description.
        lines: invoiceLineItems
          .map((line) => [line.description, line.price, line.quantity] as const)
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      })),
    purchases: billing.purchases.map((p) => [p.name, p.quantity]),
    balances: usageMeterBalances.map((b) => [b.slug, b.availableBalance]),
  }
}

describe('a paid plan bought at checkout (processSetupIntent.ts, attempt-billing-run)', () => {
  it(
    'replaces the free plan, bills quantity × price once (a purchase of 1), grants quantity × credits once, also on replay',
    SLOW,
    async () => {
      const externalId = await signUp('pro_x2')
      const session = await checkout(externalId, 'pro_monthly', 2)
      await completeCheckout(target, session)
      const paid = await ledger(externalId)
      expect(paid).toEqual({
        subscriptions: [
          ['Free Subscription', 'canceled', 'upgraded_to_paid'],
          ['Pro - Pro (Monthly)', 'active', null],
        ],
        invoices: [{ status: 'paid', lines: [['Pro (Monthly) x 2', 2000, 2]] }],
        purchases: [['Pro', 1]],
        balances: [['api_calls', 2000]],
      })
      // The same payment delivered again changes nothing.
      await completeCheckout(target, session, { replay: true })
      expect(await ledger(externalId)).toEqual(paid)
    },
  )
})

describe('a top-up bought at checkout (processPaymentIntentStatusUpdated.ts)', () => {
  it(
    'charges the single price once and grants its credits once whatever the quantity, also on replay',
    SLOW,
    async () => {
      const externalId = await signUp('top_up_x3')
      const session = await checkout(externalId, 'credit_top_up_once', 3)
      await completeCheckout(target, session)
      const paid = await ledger(externalId)
      expect(paid).toEqual({
        subscriptions: [['Free Subscription', 'active', null]],
        invoices: [{ status: 'paid', lines: [['Credit Top-Up', 1000, 1]] }],
        purchases: [['Credit Top-Up', 1]],
        balances: [['api_calls', 600]],
      })
      await completeCheckout(target, session, { replay: true })
      expect(await ledger(externalId)).toEqual(paid)
    },
  )
})

describe('an immediate adjustment (adjustSubscription.ts, subscriptionItemHelpers.ts)', () => {
  const PRORATION =
    /^Proration: Net charge adjustment - Prorated adjustment for 100\.0% of billing period \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)$/
  const adjustTo = (subscriptionId: string, quantity: number, prorateCurrentBillingPeriod?: boolean) =>
    target.client.subscriptions.adjust(subscriptionId, {
      adjustment: {
        timing: 'immediately',
        newSubscriptionItems: [{ priceSlug: 'pro_monthly', quantity }],
        ...(prorateCurrentBillingPeriod === undefined ? {} : { prorateCurrentBillingPeriod }),
      },
    } as Parameters<typeof target.client.subscriptions.adjust>[1])

  it(
    'charges the prorated net once, grants the credit delta net of usage spent, and a replay pays nothing',
    SLOW,
    async () => {
      const externalId = await signUp('adjust')
      await completeCheckout(target, await checkout(externalId, 'pro_monthly', 1))
      const billing = await target.client.customers.retrieveBilling(externalId)
      const pro = billing.currentSubscriptions?.[0]
      if (!pro) throw new Error('the checkout should leave a current Pro subscription')
      const meterId = (pro.experimental?.usageMeterBalances ?? [])[0]?.id
      if (!meterId) throw new Error('the Pro plan should have granted credits on its meter')
      await target.client.usageEvents.create({
        usageEvent: {
          subscriptionId: pro.id,
          usageMeterId: meterId,
          amount: 300,
          transactionId: `${externalId}_spend`,
        },
      })

      // At the very start of the period: old plan 0 % used, new plan 100 % left, 2000 already paid.
      const adjusted = await adjustTo(pro.id, 2)
      expect(adjusted).toMatchObject({ isUpgrade: true, resolvedTiming: 'immediately' })
      expect(adjusted.subscription.name).toBe('Pro (Monthly)')
      expect(adjusted.subscriptionItems.map((i) => [i.name, i.unitPrice, i.quantity])).toEqual([
        ['Pro (Monthly)', 2000, 2],
      ])
      // The proration's invoice is paid when its payment intent succeeds: on the oracle that is a
      // Stripe webhook the task runner does not send for a billing run's intent, so it may stay
      // `open` there (the emulator pays at once). Its amount and lines are what counts here.
      const upgraded = await ledger(externalId)
      const prorationPaid = target.kind === 'emulator' ? 'paid' : expect.stringMatching(/^(open|paid)$/)
      expect(upgraded.invoices).toEqual([
        { status: 'paid', lines: [['Pro (Monthly)', 2000, 1]] },
        {
          status: prorationPaid,
          lines: [
            ['Pro (Monthly)', 2000, 1],
            [expect.stringMatching(PRORATION), 2000, 1],
          ],
        },
      ])
      // 1000 issued − 300 spent + the delta (2000 prorated − 1000 issued).
      expect(upgraded.balances).toEqual([['api_calls', 1700]])

      // The same adjustment again: the period is paid for and its credits issued, so nothing moves.
      await adjustTo(pro.id, 2)
      expect(await ledger(externalId)).toEqual(upgraded)
    },
  )

  it(
    'without proration changes the items now, charges nothing, and still grants the credit delta',
    SLOW,
    async () => {
      const externalId = await signUp('adjust_no_proration')
      await completeCheckout(target, await checkout(externalId, 'pro_monthly', 1))
      const pro = (await target.client.customers.retrieveBilling(externalId)).currentSubscriptions?.[0]
      if (!pro) throw new Error('the checkout should leave a current Pro subscription')
      const adjusted = await adjustTo(pro.id, 3, false)
      expect(adjusted.subscriptionItems.map((i) => [i.unitPrice, i.quantity])).toEqual([[2000, 3]])
      const after = await ledger(externalId)
      expect(after.invoices).toEqual([{ status: 'paid', lines: [['Pro (Monthly)', 2000, 1]] }])
      expect(after.balances).toEqual([['api_calls', 3000]])
    },
  )
})
