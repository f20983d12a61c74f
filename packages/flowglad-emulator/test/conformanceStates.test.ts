import { BadRequestError } from '@flowglad/node'
import { afterEach, describe, expect, it } from 'vitest'
import { type ConformanceRig, createConformanceRig, describeMismatches } from './support/conformanceClient'
import { conformanceFlow, DAY } from './support/conformanceFlow'

/**
 * The billing payload is the richest response; these tests walk one customer through every state
 * it can be in (purchases, replaced and canceled subscriptions, scheduled changes, claims,
 * renewals) and through the two real pricing files, validating every response on the way, once
 * in-process and once over the emulator's real HTTP server.
 */

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname
let rig: ConformanceRig | undefined

type Transport = 'in-process' | 'http'

async function open(transport: Transport, pricing?: string) {
  rig = await createConformanceRig({
    overHttp: transport === 'http',
    ...(pricing ? { pricing: `${FIXTURES}${pricing}` } : {}),
  })
  return { rig, client: rig.client, flow: conformanceFlow(rig) }
}

afterEach(async () => {
  if (!rig) return
  await rig.close()
  expect(describeMismatches(rig.fetch.exchanges)).toEqual([])
  rig = undefined
})

describe.each<Transport>(['in-process', 'http'])('%s', (transport) => {
  describe('billing through every state', () => {
    it('stays conformant from sign-up to a renewed, downgraded subscription', async () => {
      const { rig, client, flow } = await open(transport)
      const billing = () => client.customers.retrieveBilling('user_1')
      const { subscription: free } = await flow.signUp()
      await flow.spend(free?.id, 3, 's1')
      await flow.checkout('user_1', 'credit_top_up_once')
      expect((await billing()).purchases).toHaveLength(1)

      await flow.checkout('user_1', 'pro_monthly')
      const pro = await flow.currentSubscription()
      expect((await billing()).subscriptions.map((s) => s.status)).toContain('canceled') // the replaced free plan
      await client.resourceClaims.claim(pro.id, { resourceSlug: 'seats', externalIds: ['ada', 'bob'] })
      await client.subscriptions.cancel(pro.id, {
        cancellation: { timing: 'at_end_of_current_billing_period' },
      })
      expect((await billing()).currentSubscription?.status).toBe('cancellation_scheduled')
      await client.subscriptions.uncancel(pro.id)
      await client.subscriptions.adjust(pro.id, {
        adjustment: { timing: 'auto', newSubscriptionItems: [{ priceSlug: 'free_monthly', quantity: 1 }] },
      })
      await billing()

      rig.emulator.control.advanceClock(32 * DAY)
      const renewed = await billing()
      expect(renewed.currentSubscription?.subscriptionItems.map((i) => i.priceId)).toEqual([
        await flow.priceIdOf('free_monthly'),
      ])
      expect(renewed.invoices.length).toBeGreaterThan(0)
      const billingReads = rig.fetch.exchanges.filter((x) => x.operation === 'customers-getBilling')
      expect(billingReads.length).toBeGreaterThanOrEqual(6)
    })
  })

  describe('real pricing files', () => {
    it('generation-based subscription (legacy layout): plans, usage prices, top-ups', async () => {
      const { client, flow } = await open(transport, 'generation-based-subscription.yaml')
      const { pricingModel } = await client.pricingModels.retrieveDefault()
      expect((await client.pricingModels.retrieve(pricingModel.id)).pricingModel.id).toBe(pricingModel.id)
      await flow.signUp()
      await flow.checkout('user_1', 'pro_monthly')
      const pro = await flow.currentSubscription()
      const before = await flow.meterBalance('user_1', 'fast_generations')
      const { usageEvent } = await client.usageEvents.create({
        usageEvent: {
          subscriptionId: pro.id,
          priceSlug: 'fast_generation_usage',
          amount: 2,
          transactionId: 'g1',
        },
      })
      expect(usageEvent.priceId).toBe(
        pricingModel.usageMeters
          .flatMap((m) => m.prices ?? [])
          .find((p) => p.slug === 'fast_generation_usage')?.id,
      )
      await flow.checkout('user_1', 'fast_generation_top_up')
      expect(await flow.meterBalance('user_1', 'fast_generations')).toBeGreaterThan((before ?? 0) - 2)
      const billing = await client.customers.retrieveBilling('user_1')
      expect(billing.purchases.map((p) => p.priceId)).toContain(
        await flow.priceIdOf('fast_generation_top_up'),
      )
    })

    it('seat-based billing: one seat per pro subscription, over-claims refused', async () => {
      const { client, flow } = await open(transport, 'seat-based-billing.yaml')
      await flow.signUp()
      await flow.checkout('user_1', 'pro_monthly')
      const pro = await flow.currentSubscription()
      const claimed = await client.resourceClaims.claim(pro.id, { resourceSlug: 'seats', externalId: 'ada' })
      expect(claimed.usage).toMatchObject({ capacity: 1, claimed: 1, available: 0 })
      await expect(
        client.resourceClaims.claim(pro.id, { resourceSlug: 'seats', externalId: 'bob' }),
      ).rejects.toBeInstanceOf(BadRequestError)
      await client.customers.retrieveBilling('user_1')
    })
  })
})
