import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { balance, buy, createRig, current, DAY, type EmulatorRig, signUp, spend } from './support/emulatorRig'

let rig: EmulatorRig
beforeEach(async () => {
  rig = await createRig()
})
afterEach(() => rig.close())

describe('plans over time', () => {
  it('a paid plan renews monthly with a fresh allowance and a paid invoice each period', async () => {
    const { client } = rig
    await signUp(client)
    await buy(rig, 'pro_monthly')
    const pro = await current(client)
    await spend(client, pro.id, 900, 't1')
    expect(await balance(client)).toBe(100)

    rig.emulator.control.advanceClock(31 * DAY)
    const renewed = await current(client)
    expect(renewed.id).toBe(pro.id)
    expect(renewed.currentBillingPeriodStart).toBe(pro.currentBillingPeriodEnd)
    expect(await balance(client)).toBe(1000)
    const { invoices } = await client.customers.retrieveBilling('user_1')
    expect(invoices.map((i) => i.invoice.status)).toEqual(['paid', 'paid'])
    expect(invoices.every((i) => i.invoiceLineItems[0]?.price === 2000)).toBe(true)
  })

  it('credit grants scale with the quantity bought, at checkout, renewal and adjust (as Flowglad)', async () => {
    const { client } = rig
    await signUp(client)
    await buy(rig, 'pro_monthly', 'user_1', 3)
    expect(await balance(client)).toBe(3000)
    rig.emulator.control.advanceClock(31 * DAY)
    expect(await balance(client)).toBe(3000)
    const pro = await current(client)
    await client.subscriptions.adjust(pro.id, {
      adjustment: {
        timing: 'immediately',
        newSubscriptionItems: [{ priceSlug: 'pro_monthly', quantity: 2 }],
      },
    })
    rig.emulator.control.advanceClock(31 * DAY)
    expect(await balance(client)).toBe(2000)
  })

  it('top-up credits outlive the period; recurring credits are replaced', async () => {
    const { client } = rig
    await signUp(client)
    await buy(rig, 'credit_top_up_once')
    expect(await balance(client)).toBe(600)
    const free = await current(client)
    await spend(client, free.id, 150, 'a')
    // 100 recurring spent first, then 50 of the 500 one-off credits.
    expect(await balance(client)).toBe(450)
    rig.emulator.control.advanceClock(32 * DAY)
    expect(await balance(client)).toBe(550)
  })

  it('a downgrade under auto is scheduled and applied at the period boundary', async () => {
    const { client } = rig
    await signUp(client)
    await buy(rig, 'pro_monthly')
    const pro = await current(client)
    const result = await client.subscriptions.adjust(pro.id, {
      adjustment: { timing: 'auto', newSubscriptionItems: [{ priceSlug: 'free_monthly', quantity: 1 }] },
    })
    expect(result).toMatchObject({ isUpgrade: false, resolvedTiming: 'at_end_of_current_billing_period' })
    // The client's type lacks the field the spec documents (SPEC-NOTES).
    const scheduled = result.subscription as { scheduledAdjustmentAt?: number | null }
    expect(scheduled.scheduledAdjustmentAt).toBe(pro.currentBillingPeriodEnd)
    expect((await current(client)).experimental?.featureItems.map((f) => f.slug)).toContain(
      'advanced_analytics',
    )

    rig.emulator.control.advanceClock(31 * DAY)
    const after = await current(client)
    expect(after.id).toBe(pro.id)
    expect(after.subscriptionItems.map((i) => i.price.slug)).toEqual(['free_monthly'])
    expect(after.experimental?.featureItems.map((f) => f.slug).sort()).toEqual([
      'free_credits',
      'team_seats_free',
    ])
    expect(after.isFreePlan).toBe(true)
  })

  it('a cancellation at period end takes effect then, and the customer falls back to the free plan', async () => {
    const { client } = rig
    await signUp(client)
    await buy(rig, 'pro_monthly')
    const pro = await current(client)
    const { subscription } = await client.subscriptions.cancel(pro.id, {
      cancellation: { timing: 'at_end_of_current_billing_period' },
    })
    expect(subscription.status).toBe('cancellation_scheduled')
    expect(subscription.cancelScheduledAt).toBe(pro.currentBillingPeriodEnd)

    rig.emulator.control.advanceClock(31 * DAY)
    const ended = await client.subscriptions.retrieve(pro.id)
    expect(ended.subscription).toMatchObject({ status: 'canceled', current: false })
    const fallback = await current(client)
    expect(fallback.subscriptionItems[0]?.price.slug).toBe('free_monthly')
  })

  it('an upgrade applies at once, bills, and counts as an upgrade', async () => {
    const { client } = rig
    await signUp(client)
    await buy(rig, 'pro_monthly')
    const pro = await current(client)
    const result = await client.subscriptions.adjust(pro.id, {
      adjustment: { timing: 'auto', newSubscriptionItems: [{ priceSlug: 'pro_monthly', quantity: 2 }] },
    })
    expect(result).toMatchObject({ isUpgrade: true, resolvedTiming: 'immediately' })
    expect(result.subscriptionItems).toHaveLength(1)
    expect(result.subscriptionItems[0]).toMatchObject({ quantity: 2, unitPrice: 2000 })
    const { invoices } = await client.customers.retrieveBilling('user_1')
    expect(invoices).toHaveLength(2)
  })

  it('the default free plan can be neither adjusted nor canceled (Flowglad refuses both)', async () => {
    const { client } = rig
    await signUp(client)
    const free = await current(client)
    const adjust = await client.subscriptions
      .adjust(free.id, {
        adjustment: { timing: 'auto', newSubscriptionItems: [{ priceSlug: 'pro_monthly', quantity: 1 }] },
      })
      .catch((e: unknown) => e)
    // Flowglad's domain errors reach the wire as 500s (FlowgladApiError.ts `domainError`).
    expect(adjust).toMatchObject({
      status: 500,
      error: {
        code: 'INTERNAL_SERVER_ERROR',
        error:
          'Unwrap called on Err: ValidationError: Invalid subscription: Cannot adjust free plan subscriptions. Use createSubscription to upgrade from a free plan instead.',
      },
    })
    const cancel = await client.subscriptions
      .cancel(free.id, { cancellation: { timing: 'immediately' } })
      .catch((e: unknown) => e)
    expect(cancel).toMatchObject({
      status: 500,
      error: {
        code: 'INTERNAL_SERVER_ERROR',
        error:
          'Invalid subscription: Cannot cancel the default free plan. Please upgrade to a paid plan instead.',
      },
    })
    expect((await current(client)).id).toBe(free.id)
  })

  it('an end-of-period upgrade is refused; a pending adjustment blocks cancel and another adjust', async () => {
    const { client } = rig
    await signUp(client)
    await buy(rig, 'pro_monthly')
    const pro = await current(client)
    const upLater = await client.subscriptions
      .adjust(pro.id, {
        adjustment: {
          timing: 'at_end_of_current_billing_period',
          newSubscriptionItems: [{ priceSlug: 'pro_monthly', quantity: 3 }],
        },
      })
      .catch((e: unknown) => e)
    expect(upLater).toMatchObject({
      status: 500,
      error: { error: expect.stringContaining('only allowed for downgrades') },
    })
    await client.subscriptions.adjust(pro.id, {
      adjustment: { timing: 'auto', newSubscriptionItems: [{ priceSlug: 'free_monthly' }] },
    })
    const again = await client.subscriptions
      .adjust(pro.id, {
        adjustment: { timing: 'auto', newSubscriptionItems: [{ priceSlug: 'free_monthly' }] },
      })
      .catch((e: unknown) => e)
    expect(again).toMatchObject({ status: 500, error: { error: expect.stringContaining('already pending') } })
    const cancel = await client.subscriptions
      .cancel(pro.id, { cancellation: { timing: 'immediately' } })
      .catch((e: unknown) => e)
    expect(cancel).toMatchObject({
      status: 500,
      error: { error: expect.stringContaining('adjustment is pending') },
    })
  })

  it('creating a paid subscription through the API cancels the free plan and is incomplete without a card', async () => {
    const { client } = rig
    await signUp(client)
    const free = await current(client)
    const { subscription } = await client.subscriptions.create({
      customerExternalId: 'user_1',
      priceSlug: 'pro_monthly',
    })
    expect(subscription).toMatchObject({ status: 'incomplete', current: false })
    const billing = await client.customers.retrieveBilling('user_1')
    expect(billing.subscriptions.find((s) => s.id === free.id)).toMatchObject({
      status: 'canceled',
      cancellationReason: 'upgraded_to_paid',
    })
    expect(billing.currentSubscription).toBeNull()
    // An incomplete subscription is not current, so it does not block a new plan; a second free one does.
    const again = await client.subscriptions.create({
      customerExternalId: 'user_1',
      priceSlug: 'free_monthly',
    })
    expect(again.subscription).toMatchObject({ status: 'active', current: true })
    const twice = await client.subscriptions
      .create({ customerExternalId: 'user_1', priceSlug: 'free_monthly' })
      .catch((e: unknown) => e)
    expect(twice).toMatchObject({ status: 500, error: { code: 'INTERNAL_SERVER_ERROR' } })
  })
})

describe('checkout effects', () => {
  it('a paid plan replaces the free plan, which records what replaced it', async () => {
    const { client } = rig
    await signUp(client)
    const free = await current(client)
    await buy(rig, 'pro_monthly')
    const billing = await client.customers.retrieveBilling('user_1')
    expect(billing.currentSubscriptions?.map((s) => s.name)).toEqual(['Pro - Pro (Monthly)'])
    const old = billing.subscriptions.find((s) => s.id === free.id)
    expect(old).toMatchObject({
      status: 'canceled',
      replacedBySubscriptionId: billing.currentSubscription?.id,
    })
    expect(billing.paymentMethods).toHaveLength(1)
    expect(billing.purchases[0]).toMatchObject({ priceType: 'subscription', status: 'paid' })
  })

  it('a customer on a paid plan cannot check out a second plan (one current subscription)', async () => {
    await signUp(rig.client)
    await buy(rig, 'pro_monthly')
    const error = await buy(rig, 'pro_monthly').catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 400, error: { code: 'BAD_REQUEST' } })
    expect(String((error as Error).message)).toMatch(/already has an active subscription/)
    // One-off purchases are still fine.
    await expect(buy(rig, 'credit_top_up_once')).resolves.toBeDefined()
  })

  it('a completed session cannot be paid twice', async () => {
    await signUp(rig.client)
    const session = await buy(rig, 'credit_top_up_once')
    expect(() => rig.emulator.control.completeCheckoutSession(session.id)).toThrow(/succeeded, not open/)
    const { checkoutSession } = await rig.client.checkoutSessions.retrieve(session.id)
    expect(checkoutSession.status).toBe('succeeded')
  })

  it('activating a trialing subscription makes it active with the new card', async () => {
    const { client } = rig
    await signUp(client)
    const customer = (await client.customers.retrieve('user_1')).customer
    const { subscription } = await client.subscriptions.create({
      customerId: customer.id,
      priceSlug: 'pro_monthly',
      trialEnd: rig.emulator.control.now() + 14 * DAY,
    })
    expect(subscription.status).toBe('trialing')
    const { checkoutSession } = await client.checkoutSessions.create({
      checkoutSession: {
        type: 'activate_subscription',
        customerExternalId: 'user_1',
        targetSubscriptionId: subscription.id,
        successUrl: 'https://app.example/ok',
        cancelUrl: 'https://app.example/no',
      },
    })
    rig.emulator.control.completeCheckoutSession(checkoutSession.id)
    const activated = (await client.subscriptions.retrieve(subscription.id)).subscription
    expect(activated.status).toBe('active')
    expect(activated.defaultPaymentMethodId).toMatch(/^pm_/)
  })
})

describe('seats', () => {
  it('capacity is the feature amount times the item quantity', async () => {
    const { client } = rig
    await signUp(client)
    await buy(rig, 'pro_monthly', 'user_1', 2)
    const pro = await current(client)
    const usage = await client.get<{ usage: { capacity: number } }>(
      `/api/v1/resource-claims/${pro.id}/usage?resourceSlug=seats`,
    )
    expect(usage.usage.capacity).toBe(10)
  })

  it('claims by external id are idempotent and release by claim id frees them', async () => {
    const { client } = rig
    await signUp(client)
    const free = await current(client)
    const path = `/api/v1/resource-claims/${free.id}`
    type Claimed = { claims: Array<{ id: string }>; usage: { claimed: number; available: number } }
    const first = await client.post<Claimed>(`${path}/claim`, {
      body: { resourceSlug: 'seats', externalId: 'alice' },
    })
    const again = await client.post<Claimed>(`${path}/claim`, {
      body: { resourceSlug: 'seats', externalId: 'alice' },
    })
    expect(again.claims[0]?.id).toBe(first.claims[0]?.id)
    expect(again.usage).toMatchObject({ claimed: 1, available: 0 })
    const released = await client.post<{ releasedClaims: unknown[]; usage: { available: number } }>(
      `${path}/release`,
      { body: { resourceSlug: 'seats', claimIds: [first.claims[0]?.id] } },
    )
    expect(released.releasedClaims).toHaveLength(1)
    expect(released.usage.available).toBe(1)
  })
})
