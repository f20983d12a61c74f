import { BadRequestError, InternalServerError } from '@flowglad/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { describeMismatches } from './support/conformanceClient'
import { type ConformanceTarget, openConformanceTarget } from './support/conformanceTarget'

/**
 * The emulator's money rules, one suite for two targets (as conformanceTarget.test.ts): the
 * in-process emulator by default, Flowglad's own server when FLOWGLAD_CONFORMANCE_SECRET_KEY (and
 * FLOWGLAD_CONFORMANCE_BASE_URL for the local oracle) are set. Each rule was first seen on the
 * oracle, then fixed in the emulator; FIDELITY.md cites the Flowglad function behind each.
 * Every test needs the default pricing model's shape (a free default plan with a seat feature and
 * a usage-credit grant, a paid monthly plan, one usage meter), which `pricing/default.yaml` has.
 */

/** A dev-mode oracle answers in 0.4–20 s; a test here makes about a dozen calls. */
const SLOW = { timeout: 300_000 }

let target: ConformanceTarget
type Price = { id: string; slug: string | null; type: string; unitPrice: number; name: string | null }
type Product = { default: boolean; name: string; prices: Price[] }
type Model = { products: Product[]; usageMeters: Array<{ id: string; slug: string }> }
let model: Model
let paidPlan: { product: Product; price: Price }

beforeAll(async () => {
  target = await openConformanceTarget()
  model = (await target.client.pricingModels.retrieveDefault()).pricingModel as unknown as Model
  const product = model.products.find(
    (p) => !p.default && p.prices.some((price) => price.type === 'subscription' && price.unitPrice > 0),
  )
  const price = product?.prices.find((p) => p.type === 'subscription' && p.unitPrice > 0)
  if (!product || !price) throw new Error('the default pricing model needs a paid subscription plan')
  paidPlan = { product, price }
}, SLOW.timeout)

afterEach(() => {
  // 2xx bodies against the spec, errors against Flowglad's REST error shape; each test's own.
  const exchanges = target.fetch.exchanges as unknown as unknown[]
  const mismatches = describeMismatches(target.fetch.exchanges)
  exchanges.splice(0)
  expect(mismatches).toEqual([])
})

afterAll(async () => {
  await target.close()
  console.info(
    `[conformance:money] ran against ${target.kind === 'emulator' ? 'the emulator' : target.baseURL}`,
  )
}, SLOW.timeout)

const signUp = async (label: string) => {
  const externalId = target.newExternalId(label)
  const { data } = await target.client.customers.create({
    customer: { externalId, email: `${externalId}@example.com`, name: `Money ${label}` },
  })
  if (!data.subscription) throw new Error('sign-up should start the default plan')
  return { externalId, customerId: data.customer.id, free: data.subscription }
}
/** A paid plan that is active without a card or a payment (`doNotCharge`), replacing the free plan. */
const subscribePaid = async (customerId: string) =>
  (await target.client.subscriptions.create({ customerId, priceId: paidPlan.price.id, doNotCharge: true }))
    .subscription
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )
const bodyOf = (error: unknown) => (error as { error?: Record<string, unknown> }).error ?? {}
type Balance = { slug: string; availableBalance: number }
/** `GET /customers/{externalId}/usage-balances` (not in @flowglad/node 0.29.0, so a raw call). */
const balances = async (externalId: string, subscriptionId: string) =>
  (
    (await target.client.get(`/api/v1/customers/${externalId}/usage-balances`, {
      query: { subscriptionId },
    })) as { usageMeterBalances: Balance[] }
  ).usageMeterBalances
const claims = async (subscriptionId: string) =>
  (await target.client.get(`/api/v1/resource-claims/${subscriptionId}/claims`)) as { claims: unknown[] }

describe('subscription names (createSubscription/initializers.ts, utils/bookkeeping.ts)', () => {
  it(
    'names the default plan `<product> Subscription` and a paid plan `<product> - <price>`',
    SLOW,
    async () => {
      const { externalId, customerId, free } = await signUp('names')
      const defaultProduct = model.products.find((p) => p.default)
      expect(free.name).toBe(`${defaultProduct?.name} Subscription`)
      const paid = await subscribePaid(customerId)
      expect(paid.name).toBe(`${paidPlan.product.name} - ${paidPlan.price.name}`)
      const billing = await target.client.customers.retrieveBilling(externalId)
      expect(billing.currentSubscriptions?.map((s) => s.name)).toEqual([paid.name])
    },
  )
})

describe('canceling now (cancelSubscription.ts cancelSubscriptionImmediately)', () => {
  it(
    'leaves cancellationReason null, expires the items, releases every claim, and falls back to the free plan once',
    SLOW,
    async () => {
      const { externalId, customerId } = await signUp('cancel_now')
      const paid = await subscribePaid(customerId)
      const claimed = (await target.client.post(`/api/v1/resource-claims/${paid.id}/claim`, {
        body: { resourceSlug: 'seats', externalId: 'member_1' },
      })) as { claims: Array<{ id: string }> }
      expect(claimed.claims).toHaveLength(1)

      const { subscription } = await target.client.subscriptions.cancel(paid.id, {
        cancellation: { timing: 'immediately' },
      })
      expect(subscription).toMatchObject({ status: 'canceled', cancellationReason: null, current: false })
      expect((await claims(paid.id)).claims).toEqual([])

      // A replayed cancel changes nothing: no second fallback plan, the reason stays null.
      const again = await target.client.subscriptions.cancel(paid.id, {
        cancellation: { timing: 'immediately' },
      })
      expect(again.subscription).toMatchObject({ status: 'canceled', cancellationReason: null })

      const billing = await target.client.customers.retrieveBilling(externalId)
      const canceled = billing.subscriptions.find((s) => s.id === paid.id) as unknown as {
        subscriptionItems: unknown[]
      }
      expect(canceled.subscriptionItems).toEqual([])
      const current = billing.currentSubscriptions ?? []
      expect(current).toHaveLength(1)
      expect(current[0]).toMatchObject({ isFreePlan: true, status: 'active' })
    },
  )

  it('a cancellation at the period end also leaves cancellationReason null', SLOW, async () => {
    const { customerId } = await signUp('cancel_later')
    const paid = await subscribePaid(customerId)
    const { subscription } = await target.client.subscriptions.cancel(paid.id, {
      cancellation: { timing: 'at_end_of_current_billing_period' },
    })
    expect(subscription).toMatchObject({ status: 'cancellation_scheduled', cancellationReason: null })
  })
})

describe('usage balances (ledgerEntryMethods.ts selectUsageMeterBalancesForSubscriptions)', () => {
  it('lists a meter only once it has a ledger entry, and counts a replayed event once', SLOW, async () => {
    const meter = model.usageMeters[0]
    if (!meter) throw new Error('the default pricing model needs a usage meter')
    const { externalId, customerId, free } = await signUp('balances')
    // The free plan's grant is an entry: its meter is listed with the grant.
    expect((await balances(externalId, free.id)).map((b) => b.slug)).toEqual([meter.slug])
    // An incomplete paid plan (no card) has no entry yet: no meter is listed, not a zero.
    const { subscription: incomplete } = await target.client.subscriptions.create({
      customerId,
      priceId: paidPlan.price.id,
    })
    expect(incomplete.status).toBe('incomplete')
    expect(await balances(externalId, incomplete.id)).toEqual([])
    // Usage is an entry too; the same transactionId again is the same event, spent once.
    const usage = {
      usageEvent: {
        subscriptionId: incomplete.id,
        usageMeterId: meter.id,
        amount: 7,
        transactionId: `${externalId}_t1`,
      },
    }
    const first = await target.client.usageEvents.create(usage)
    const replay = await target.client.usageEvents.create(usage)
    expect(replay.usageEvent.id).toBe(first.usageEvent.id)
    const after = await balances(externalId, incomplete.id)
    expect(after.map((b) => [b.slug, b.availableBalance])).toEqual([[meter.slug, -7]])
  })
})

describe('credit grants for paid plans (createSubscription/helpers.ts maybeCreateInitialBillingPeriodAndRun)', () => {
  it('a doNotCharge paid plan has no billing run, so its first period grants no credits', SLOW, async () => {
    const { externalId, customerId } = await signUp('do_not_charge')
    const paid = await subscribePaid(customerId)
    expect(paid).toMatchObject({ status: 'active', doNotCharge: true })
    // With the oracle's task runner the tasks this creation triggers have run by the next call.
    const billing = await target.client.customers.retrieveBilling(externalId)
    expect(billing.currentSubscriptions?.map((s) => s.id)).toEqual([paid.id])
    expect(await balances(externalId, paid.id)).toEqual([])
  })
})

describe('resource claims in Flowglad words (resources/resourceClaimHelpers.ts)', () => {
  const claim = (subscriptionId: string, body: Record<string, unknown>) =>
    target.client.post(`/api/v1/resource-claims/${subscriptionId}/claim`, { body })
  const release = (subscriptionId: string, body: Record<string, unknown>) =>
    target.client.post(`/api/v1/resource-claims/${subscriptionId}/release`, { body })

  it('refuses over capacity with a 400 and names what is missing in 500 panics', SLOW, async () => {
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

    const panics: Array<[Promise<unknown>, string]> = [
      [
        claim(free.id, { resourceSlug: 'no_such_resource', quantity: 1 }),
        'Resource with slug "no_such_resource" not found in pricing model',
      ],
      [
        release(free.id, { resourceSlug: 'seats', externalId: 'nobody' }),
        'No active claim found with externalId "nobody"',
      ],
      [
        release(free.id, { resourceSlug: 'seats', claimIds: ['res_claim_missing'] }),
        'No active claim found with id "res_claim_missing"',
      ],
      [
        release(free.id, { resourceSlug: 'seats', quantity: 1 }),
        'Cannot release 1 anonymous claims. Only 0 exist. Use claimIds to release specific claims regardless of type.',
      ],
    ]
    for (const [request, message] of panics) {
      const error = await caught(request)
      expect(error).toBeInstanceOf(InternalServerError)
      expect(bodyOf(error)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', error: message })
    }
  })

  it('refuses a claim on a canceled subscription', SLOW, async () => {
    const { customerId } = await signUp('claims_canceled')
    const paid = await subscribePaid(customerId)
    await target.client.subscriptions.cancel(paid.id, { cancellation: { timing: 'immediately' } })
    const error = await caught(claim(paid.id, { resourceSlug: 'seats', quantity: 1 }))
    expect(error).toBeInstanceOf(InternalServerError)
    expect(bodyOf(error)).toMatchObject({
      error: `Cannot claim resources: Subscription ${paid.id} is not active (status: canceled)`,
    })
    expect((await claims(paid.id)).claims).toEqual([])
  })
})
