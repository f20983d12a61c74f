import { InternalServerError } from '@flowglad/node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buy, createRig, current, type EmulatorRig, signUp } from './support/emulatorRig'

/** Behaviours read from Flowglad's server source (flowglad/flowglad@49b3368; rows in FIDELITY.md). */

let rig: EmulatorRig
beforeEach(async () => {
  rig = await createRig()
})
afterEach(() => rig.close())

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )
const bodyOf = (error: unknown) => (error as { error?: Record<string, unknown> }).error ?? {}
const event = (subscriptionId: string, transactionId: string, meter = 'api_calls', amount = 1) => ({
  usageEvent: { subscriptionId, usageMeterSlug: meter, amount, transactionId },
})

describe('usage events', () => {
  it('a transactionId already used on another subscription is a 500; on another meter it is a new event', async () => {
    await signUp(rig.client, 'a')
    await signUp(rig.client, 'b')
    const a = (await current(rig.client, 'a')).id
    const b = (await current(rig.client, 'b')).id
    const first = await rig.client.usageEvents.create(event(a, 'tx'))
    const clash = await caught(rig.client.usageEvents.create(event(b, 'tx')))
    expect(clash).toBeInstanceOf(InternalServerError)
    expect(bodyOf(clash).error).toMatch(
      /^UsageEvent conflict: A usage event already exists for transactionid tx/,
    )
    const { usageMeters } = (await rig.client.pricingModels.retrieveDefault()).pricingModel
    const other = usageMeters.find((m) => m.slug !== 'api_calls')
    if (other) {
      const second = await rig.client.usageEvents.create(event(a, 'tx', other.slug))
      expect(second.usageEvent.id).not.toBe(first.usageEvent.id)
    }
  })

  it('bulk insert answers only the events it inserted', async () => {
    await signUp(rig.client)
    const sub = (await current(rig.client)).id
    await rig.client.usageEvents.create(event(sub, 'old'))
    const { usageEvents } = await rig.client.post<{ usageEvents: Array<{ transactionId: string }> }>(
      '/api/v1/usage-events/bulk',
      {
        body: {
          usageEvents: [
            event(sub, 'old').usageEvent,
            event(sub, 'new').usageEvent,
            event(sub, 'new').usageEvent,
          ],
        },
      },
    )
    expect(usageEvents.map((e) => e.transactionId)).toEqual(['new'])
  })

  it('usage on a canceled subscription is recorded; for an archived customer it is a 500', async () => {
    await signUp(rig.client)
    await buy(rig, 'pro_monthly')
    const pro = await current(rig.client)
    await rig.client.subscriptions.cancel(pro.id, { cancellation: { timing: 'immediately' } })
    await expect(rig.client.usageEvents.create(event(pro.id, 'late'))).resolves.toBeDefined()
    await rig.client.post('/api/v1/customers/user_1/archive', { body: {} })
    const archived = await caught(rig.client.usageEvents.create(event(pro.id, 'after-archive')))
    expect(archived).toBeInstanceOf(InternalServerError)
    expect(bodyOf(archived)).toMatchObject({ error: 'Cannot create usage event for archived customer' })
  })

  it('an unknown usage event id is a 500 panic', async () => {
    const error = await caught(rig.client.usageEvents.retrieve('usage_event_missing'))
    expect(bodyOf(error)).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      error: 'Unwrap called on Err: NotFoundError: No usage events found with id: usage_event_missing',
    })
  })
})

describe('subscriptions', () => {
  it('canceling or uncanceling a canceled subscription returns it unchanged', async () => {
    await signUp(rig.client)
    await buy(rig, 'pro_monthly')
    const pro = await current(rig.client)
    await rig.client.subscriptions.cancel(pro.id, { cancellation: { timing: 'immediately' } })
    const again = await rig.client.subscriptions.cancel(pro.id, { cancellation: { timing: 'immediately' } })
    expect(again.subscription.status).toBe('canceled')
    expect((await rig.client.subscriptions.uncancel(pro.id)).subscription.status).toBe('canceled')
  })

  it('GET of an unknown subscription or checkout session is the doubly unwrapped 500 panic', async () => {
    const sub = await caught(rig.client.subscriptions.retrieve('sub_x'))
    expect(bodyOf(sub).error).toBe(
      'Unwrap called on Err: Panic: Unwrap called on Err: NotFoundError: No subscriptions found with id: sub_x',
    )
    const session = await caught(rig.client.checkoutSessions.retrieve('chckt_session_x'))
    expect(bodyOf(session).error).toBe(
      'Unwrap called on Err: Panic: Unwrap called on Err: NotFoundError: No checkout sessions found with id: chckt_session_x',
    )
  })
})

describe('customers and pricing models', () => {
  it('usage balances for a named subscription count whatever its status; an unknown one is 404', async () => {
    await signUp(rig.client)
    const free = await current(rig.client)
    await buy(rig, 'pro_monthly')
    const path = '/api/v1/customers/user_1/usage-balances'
    const { usageMeterBalances } = await rig.client.get<{ usageMeterBalances: unknown[] }>(path, {
      query: { subscriptionId: free.id },
    })
    expect(usageMeterBalances.length).toBeGreaterThan(0)
    const missing = await caught(rig.client.get(path, { query: { subscriptionId: 'sub_other' } }))
    expect(bodyOf(missing)).toMatchObject({
      code: 'NOT_FOUND',
      error: 'Subscription with id sub_other not found for customer user_1',
    })
  })

  it('an unknown pricing model id is a 500 (a plain Error in the router)', async () => {
    const error = await caught(rig.client.pricingModels.retrieve('pricing_model_x'))
    expect(error).toBeInstanceOf(InternalServerError)
    expect(bodyOf(error)).toMatchObject({ error: 'Pricing Model pricing_model_x not found' })
  })

  it('uncancel of a paid plan without a payment method is refused', async () => {
    await signUp(rig.client)
    const { subscription } = await rig.client.subscriptions.create({
      customerExternalId: 'user_1',
      priceSlug: 'pro_monthly',
      trialEnd: Date.now() + 7 * 86_400_000,
    })
    expect(subscription.status).toBe('trialing')
    await rig.client.subscriptions.cancel(subscription.id, {
      cancellation: { timing: 'at_end_of_current_billing_period' },
    })
    const error = await caught(rig.client.subscriptions.uncancel(subscription.id))
    expect(bodyOf(error)).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      error:
        'Invalid paymentMethod: Cannot uncancel paid subscription without an active payment method. Please add a payment method first.',
    })
  })
})
