import { BadRequestError, InternalServerError } from '@flowglad/node'
import { expect } from 'vitest'
import { bodyOf, caught, conformanceTest, useConformanceTarget } from '../support/conformanceSuite'

/**
 * The emulator's money rules, each first seen on the oracle, then fixed in the emulator; FIDELITY.md
 * cites the Flowglad function behind each. Uses the default pricing model: a free default plan
 * (100 credits, 1 seat), `pro_monthly` (2000, 1000 credits, 5 seats per unit), one meter.
 * Checkout-driven rules (billing runs, top-ups, prorated adjusts) need the oracle's task runner
 * and live in `test/conformance/checkoutMoney.test.ts`.
 */
const flowglad = useConformanceTarget()

type Balance = { slug: string; availableBalance: number }
/** `GET /customers/{externalId}/usage-balances` (not in @flowglad/node 0.29.0, so a raw call). */
const balances = async (externalId: string, subscriptionId: string) =>
  (
    (await flowglad.client.get(`/api/v1/customers/${externalId}/usage-balances`, {
      query: { subscriptionId },
    })) as { usageMeterBalances: Balance[] }
  ).usageMeterBalances
const claims = async (subscriptionId: string) =>
  (await flowglad.client.get(`/api/v1/resource-claims/${subscriptionId}/claims`)) as { claims: unknown[] }
const claim = (subscriptionId: string, body: Record<string, unknown>) =>
  flowglad.client.post(`/api/v1/resource-claims/${subscriptionId}/claim`, { body })
const release = (subscriptionId: string, body: Record<string, unknown>) =>
  flowglad.client.post(`/api/v1/resource-claims/${subscriptionId}/release`, { body })
/** Pro, active without a card or a payment (`doNotCharge`), replacing the free plan. */
const subscribePro = async (customerId: string) =>
  (
    await flowglad.client.subscriptions.create({
      customerId,
      priceId: flowglad.price('pro_monthly').id,
      doNotCharge: true,
    })
  ).subscription
const signUp = async (label: string) => {
  const { externalId, customer, subscription } = await flowglad.signUp(label)
  if (!subscription) throw new Error('sign-up should start the default plan')
  return { externalId, customerId: customer.id, free: subscription }
}

conformanceTest(
  'names the default plan `<product> Subscription` and a paid plan `<product> - <price>`',
  async () => {
    const { externalId, customerId, free } = await signUp('names')
    expect(free.name).toBe('Free Subscription')
    const pro = await subscribePro(customerId)
    expect(pro.name).toBe('Pro - Pro (Monthly)')
    const billing = await flowglad.client.customers.retrieveBilling(externalId)
    expect(billing.currentSubscriptions?.map((s) => s.name)).toEqual(['Pro - Pro (Monthly)'])
  },
)

conformanceTest(
  'canceling now leaves cancellationReason null, expires the items, releases every claim, and falls back to the free plan once',
  async () => {
    const { externalId, customerId } = await signUp('cancel_now')
    const pro = await subscribePro(customerId)
    const claimed = (await claim(pro.id, { resourceSlug: 'seats', externalId: 'member_1' })) as {
      claims: unknown[]
    }
    expect(claimed.claims).toHaveLength(1)

    const { subscription } = await flowglad.client.subscriptions.cancel(pro.id, {
      cancellation: { timing: 'immediately' },
    })
    expect(subscription).toMatchObject({ status: 'canceled', cancellationReason: null, current: false })
    expect((await claims(pro.id)).claims).toEqual([])

    // A replayed cancel changes nothing: no second fallback plan, the reason stays null.
    const again = await flowglad.client.subscriptions.cancel(pro.id, {
      cancellation: { timing: 'immediately' },
    })
    expect(again.subscription).toMatchObject({ status: 'canceled', cancellationReason: null })

    const billing = await flowglad.client.customers.retrieveBilling(externalId)
    const canceled = billing.subscriptions.find((s) => s.id === pro.id) as unknown as {
      subscriptionItems: unknown[]
    }
    expect(canceled.subscriptionItems).toEqual([])
    const current = billing.currentSubscriptions ?? []
    expect(current).toHaveLength(1)
    expect(current[0]).toMatchObject({ isFreePlan: true, status: 'active', name: 'Free Subscription' })
  },
)

conformanceTest('a cancellation at the period end also leaves cancellationReason null', async () => {
  const { customerId } = await signUp('cancel_later')
  const pro = await subscribePro(customerId)
  const { subscription } = await flowglad.client.subscriptions.cancel(pro.id, {
    cancellation: { timing: 'at_end_of_current_billing_period' },
  })
  expect(subscription).toMatchObject({ status: 'cancellation_scheduled', cancellationReason: null })
})

conformanceTest(
  'usage balances list a meter only once it has a ledger entry, and a replayed event counts once',
  async () => {
    const meter = flowglad.model.usageMeters[0]
    if (!meter) throw new Error('the default pricing model needs a usage meter')
    const { externalId, customerId, free } = await signUp('balances')
    // The free plan's grant is an entry: its meter is listed with the grant.
    expect((await balances(externalId, free.id)).map((b) => [b.slug, b.availableBalance])).toEqual([
      [meter.slug, 100],
    ])
    // An incomplete paid plan (no card) has no entry yet: no meter is listed, not a zero.
    const { subscription: incomplete } = await flowglad.client.subscriptions.create({
      customerId,
      priceId: flowglad.price('pro_monthly').id,
    })
    expect(incomplete.status).toBe('incomplete')
    expect(await balances(externalId, incomplete.id)).toEqual([])
    // Usage is an entry too; the same transactionId again is the same event, spent once.
    const usage = {
      usageEvent: {
        subscriptionId: incomplete.id,
        usageMeterId: meter.id,
        amount: 7,
        transactionId: flowglad.target.newId('tx'),
      },
    }
    const first = await flowglad.client.usageEvents.create(usage)
    const replay = await flowglad.client.usageEvents.create(usage)
    expect(replay.usageEvent.id).toBe(first.usageEvent.id)
    expect((await balances(externalId, incomplete.id)).map((b) => [b.slug, b.availableBalance])).toEqual([
      [meter.slug, -7],
    ])
  },
)

conformanceTest(
  'a doNotCharge paid plan has no billing run, so its first period grants no credits',
  async () => {
    const { externalId, customerId } = await signUp('do_not_charge')
    const pro = await subscribePro(customerId)
    expect(pro).toMatchObject({ status: 'active', doNotCharge: true })
    // With the oracle's task runner on, the tasks this creation triggers have run by the next call.
    const billing = await flowglad.client.customers.retrieveBilling(externalId)
    expect(billing.currentSubscriptions?.map((s) => s.id)).toEqual([pro.id])
    expect(await balances(externalId, pro.id)).toEqual([])
  },
)

conformanceTest(
  'resource claims: over capacity is a 400, what is missing is a 500 panic in Flowglad words',
  async () => {
    const { free } = await signUp('claims')
    const over = await caught(claim(free.id, { resourceSlug: 'seats', quantity: 2 }))
    expect(over).toBeInstanceOf(BadRequestError)
    expect(bodyOf(over)).toMatchObject({
      code: 'BAD_REQUEST',
      error: 'No available capacity. Requested: 2, Available: 1, Total capacity: 1',
    })
    // Claiming the same externalId twice is one claim (idempotent), so the second is no overflow.
    const one = (await claim(free.id, { resourceSlug: 'seats', externalId: 'member_1' })) as {
      claims: Array<{ id: string }>
    }
    const same = (await claim(free.id, { resourceSlug: 'seats', externalId: 'member_1' })) as {
      claims: Array<{ id: string }>
      usage: { claimed: number }
    }
    expect(same.claims.map((c) => c.id)).toEqual(one.claims.map((c) => c.id))
    expect(same.usage.claimed).toBe(1)

    // Thunks, so each request is sent (and its rejection handled) one at a time.
    const panics: Array<[() => Promise<unknown>, string]> = [
      [
        () => claim(free.id, { resourceSlug: 'no_such_resource', quantity: 1 }),
        'Resource with slug "no_such_resource" not found in pricing model',
      ],
      [
        () => release(free.id, { resourceSlug: 'seats', externalId: 'nobody' }),
        'No active claim found with externalId "nobody"',
      ],
      [
        () => release(free.id, { resourceSlug: 'seats', claimIds: ['res_claim_missing'] }),
        'No active claim found with id "res_claim_missing"',
      ],
      [
        () => release(free.id, { resourceSlug: 'seats', quantity: 1 }),
        'Cannot release 1 anonymous claims. Only 0 exist. Use claimIds to release specific claims regardless of type.',
      ],
    ]
    for (const [request, message] of panics) {
      const error = await caught(request())
      expect(error).toBeInstanceOf(InternalServerError)
      expect(bodyOf(error)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', error: message })
    }
  },
)

conformanceTest('resource claims: a claim on a canceled subscription is refused', async () => {
  const { customerId } = await signUp('claims_canceled')
  const pro = await subscribePro(customerId)
  await flowglad.client.subscriptions.cancel(pro.id, { cancellation: { timing: 'immediately' } })
  const error = await caught(claim(pro.id, { resourceSlug: 'seats', quantity: 1 }))
  expect(error).toBeInstanceOf(InternalServerError)
  expect(bodyOf(error)).toMatchObject({
    error: `Cannot claim resources: Subscription ${pro.id} is not active (status: canceled)`,
  })
  expect((await claims(pro.id)).claims).toEqual([])
})
