import { InternalServerError } from '@flowglad/node'
import { expect } from 'vitest'
import { bodyOf, caught, conformanceTest, useConformanceTarget } from '../support/conformanceSuite'

/**
 * count_distinct_properties usage meters (utils/usage/usageEventHelpers.ts
 * `ingestAndProcessUsageEvent`, `generateLedgerCommandsForBulkUsageEvents`;
 * bulkInsertUsageEventsTransaction.ts): an event's amount is spent only for the first event of its
 * property combination (keys sorted deeply) on the meter in the billing period. Each check makes
 * its own meter on the default pricing model (permanent on Flowglad's server, so slugs are unique
 * to the run) and a new customer on the free plan, whose balance on that meter starts at nothing.
 */
const flowglad = useConformanceTarget()

type UsageEvent = {
  id: string
  transactionId: string
  billingPeriodId: string | null
  properties: Record<string, unknown>
}
type Event = {
  subscriptionId: string
  usageMeterId: string
  amount: number
  transactionId: string
  properties?: Record<string, unknown> | null
}

/** A new count_distinct_properties meter (its default no-charge usage price comes with it). */
async function distinctMeter(label: string) {
  const { pricingModel } = await flowglad.client.pricingModels.retrieveDefault()
  const { usageMeter } = await flowglad.client.usageMeters.create({
    usageMeter: {
      name: `Distinct ${label}`,
      slug: flowglad.target.newId(`${label}_meter`),
      pricingModelId: pricingModel.id,
      aggregationType: 'count_distinct_properties',
    },
  })
  return usageMeter
}

/** A free-plan customer and what a check needs to send and read its usage. */
async function freePlan(label: string, meterId: string) {
  const { externalId, subscription } = await flowglad.signUp(label)
  const subscriptionId = subscription?.id ?? ''
  let count = 0
  const event = (
    properties: Record<string, unknown> | null | undefined,
    amount = 1,
    transactionId?: string,
  ) => {
    const body: Event = {
      subscriptionId,
      usageMeterId: meterId,
      amount,
      transactionId: transactionId ?? flowglad.target.newId(`${label}_tx${++count}`),
    }
    if (properties !== undefined) body.properties = properties
    return body
  }
  const create = async (body: Event) =>
    (
      await flowglad.client.post<{ usageEvent: UsageEvent }>('/api/v1/usage-events', {
        body: { usageEvent: body },
      })
    ).usageEvent
  const bulk = async (events: Event[]) =>
    (
      await flowglad.client.post<{ usageEvents: UsageEvent[] }>('/api/v1/usage-events/bulk', {
        body: { usageEvents: events },
      })
    ).usageEvents
  /** The meter's balance on this subscription (`GET /customers/{externalId}/usage-balances`); unlisted is undefined. */
  const balance = async () => {
    const { usageMeterBalances } = (await flowglad.client.get(
      `/api/v1/customers/${externalId}/usage-balances`,
      {
        query: { subscriptionId },
      },
    )) as { usageMeterBalances: Array<{ id: string; availableBalance: number }> }
    return usageMeterBalances.find((b) => b.id === meterId)?.availableBalance
  }
  return { externalId, subscriptionId, event, create, bulk, balance }
}

conformanceTest(
  'a property combination is spent once per period whatever its key order; arrays keep their order, 1 is not "1"',
  async () => {
    const meter = await distinctMeter('order')
    const usage = await freePlan('distinct_order', meter.id)
    const first = await usage.create(usage.event({ a: 1, b: { y: 1, x: 2 } }, 3))
    const reordered = await usage.create(usage.event({ b: { x: 2, y: 1 }, a: 1 }, 3))
    expect(reordered.id).not.toBe(first.id)
    expect(typeof first.billingPeriodId).toBe('string')
    expect(reordered.billingPeriodId).toBe(first.billingPeriodId)
    // The amount of the first event of a combination is spent, not 1; the reordered one spends nothing.
    expect(await usage.balance()).toBe(-3)
    await usage.create(usage.event({ l: [1, 2] }))
    await usage.create(usage.event({ l: [2, 1] }))
    await usage.create(usage.event({ n: 1 }))
    await usage.create(usage.event({ n: '1' }))
    await usage.create(usage.event({ n: 1 }))
    expect(await usage.balance()).toBe(-7)
  },
)

conformanceTest(
  'properties come back as {} when none are sent and in jsonb key order (shorter keys first)',
  async () => {
    const meter = await distinctMeter('wire')
    const usage = await freePlan('distinct_wire', meter.id)
    const sumMeterId = flowglad.model.usageMeters.find((m) => m.slug === 'api_calls')?.id ?? ''
    const sum = await usage.create({ ...usage.event(undefined, 2), usageMeterId: sumMeterId })
    expect(sum.properties).toEqual({})
    const sumNull = await usage.create({ ...usage.event(null, 2), usageMeterId: sumMeterId })
    expect(sumNull.properties).toEqual({})
    const ordered = await usage.create(usage.event({ bb: 1, a: 2, ccc: { zz: 1, y: 2 }, B: 3 }))
    expect(JSON.stringify(ordered.properties)).toBe('{"B":3,"a":2,"bb":1,"ccc":{"y":2,"zz":1}}')
  },
)

conformanceTest(
  'a count_distinct event needs non-empty properties and a billing period: a 500 ValidationError, nothing spent',
  async () => {
    const meter = await distinctMeter('required')
    const usage = await freePlan('distinct_required', meter.id)
    const propertiesRequired = `Invalid properties: Properties are required for usage meter "${meter.name}" because it uses "count_distinct_properties" aggregation. Each usage event must have a non-empty properties object to identify the distinct combination being counted.`
    for (const properties of [undefined, null, {}]) {
      const refused = await caught(usage.create(usage.event(properties)))
      expect(refused).toBeInstanceOf(InternalServerError)
      expect(bodyOf(refused)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', error: propertiesRequired })
    }
    expect(await usage.balance()).toBeUndefined()
    // A replayed transactionId answers the original event before the check.
    const transactionId = flowglad.target.newId('distinct_required_replay')
    const original = await usage.create(usage.event({ u: 1 }, 1, transactionId))
    expect((await usage.create(usage.event(undefined, 1, transactionId))).id).toBe(original.id)
    // An incomplete paid plan (no card) has no billing period: usage on a sum meter is recorded
    // with billingPeriodId null; a count_distinct meter refuses it.
    const { customer } = await flowglad.client.customers.retrieve(usage.externalId)
    const { subscription: incomplete } = await flowglad.client.subscriptions.create({
      customerId: customer.id,
      priceId: flowglad.price('pro_monthly').id,
    })
    expect(incomplete.status).toBe('incomplete')
    const sumMeterId = flowglad.model.usageMeters.find((m) => m.slug === 'api_calls')?.id ?? ''
    const sum = await usage.create({
      ...usage.event(undefined),
      subscriptionId: incomplete.id,
      usageMeterId: sumMeterId,
    })
    expect(sum.billingPeriodId).toBeNull()
    const noPeriod = await caught(usage.create({ ...usage.event({ u: 1 }), subscriptionId: incomplete.id }))
    expect(bodyOf(noPeriod)).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      error: `Invalid billingPeriod: Billing period is required for usage meter "${meter.name}" because it uses "count_distinct_properties" aggregation.`,
    })
    const bulkNoPeriod = await caught(
      usage.bulk([{ ...usage.event({ u: 1 }), subscriptionId: incomplete.id }]),
    )
    expect(bodyOf(bulkNoPeriod)).toMatchObject({
      error: `Invalid billingPeriod: required for usage meter "${meter.name}" at index 0 (count_distinct_properties aggregation)`,
    })
    expect(await usage.balance()).toBe(-1)
  },
)

conformanceTest(
  'a bulk batch spends a combination once: reordered keys, a repeated transactionId, a raced replay and combinations seen before',
  async () => {
    const meter = await distinctMeter('bulk')
    const usage = await freePlan('distinct_bulk', meter.id)
    const seen = await usage.create(usage.event({ z: 1 }, 5))
    expect(await usage.balance()).toBe(-5)
    const tx = (n: number) => flowglad.target.newId(`distinct_bulk_batch_${n}`)
    const batch = [
      usage.event({ k: 1, j: { q: 1, p: 2 } }, 5, tx(1)),
      usage.event({ j: { p: 2, q: 1 }, k: 1 }, 5, tx(2)),
      usage.event({ j: { p: 2, q: 1 }, k: 1 }, 5, tx(2)),
      usage.event({ z: 1 }, 5, tx(3)),
      usage.event({ w: 'x' }, 7, tx(4)),
      usage.event({ w: 'x' }, 7, seen.transactionId),
    ]
    const inserted = await usage.bulk(batch)
    expect(inserted.map((e) => e.transactionId)).toEqual([tx(1), tx(2), tx(3), tx(4)])
    // {k, j} once (5) and {w} once (7); {z} was spent before the batch.
    expect(await usage.balance()).toBe(-17)
    // The same batch twice at once: every transactionId is taken, nothing is inserted or spent.
    const [again, raced] = await Promise.all([usage.bulk(batch), usage.bulk(batch)])
    expect([...again, ...raced]).toEqual([])
    expect(await usage.balance()).toBe(-17)
  },
)

conformanceTest(
  'a bulk batch with an event missing properties is refused whole, repeats included, naming its index',
  async () => {
    const meter = await distinctMeter('bulk_required')
    const usage = await freePlan('distinct_bulk_required', meter.id)
    const taken = await usage.create(usage.event({ t: 1 }, 2))
    const fresh = usage.event({ f: 1 }, 3)
    const refused = await caught(usage.bulk([fresh, usage.event({}, 1), usage.event(undefined, 1)]))
    expect(refused).toBeInstanceOf(InternalServerError)
    expect(bodyOf(refused)).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      error: `Invalid properties: required for usage meter "${meter.name}" at index 1 (count_distinct_properties aggregation)`,
    })
    // The bulk route checks before its transactionId dedupe: a repeat without properties is refused too.
    const repeat = await caught(usage.bulk([usage.event(undefined, 2, taken.transactionId)]))
    expect(bodyOf(repeat)).toMatchObject({
      error: `Invalid properties: required for usage meter "${meter.name}" at index 0 (count_distinct_properties aggregation)`,
    })
    expect(await usage.balance()).toBe(-2)
    // Nothing of the refused batch was recorded: its valid event goes in now.
    expect((await usage.bulk([fresh])).map((e) => e.transactionId)).toEqual([fresh.transactionId])
    expect(await usage.balance()).toBe(-5)
  },
)

conformanceTest(
  'a meter switched to count_distinct mid-period counts the combinations it recorded while it summed',
  async () => {
    const { pricingModel } = await flowglad.client.pricingModels.retrieveDefault()
    const { usageMeter: meter } = await flowglad.client.usageMeters.create({
      usageMeter: {
        name: 'Switched',
        slug: flowglad.target.newId('switched_meter'),
        pricingModelId: pricingModel.id,
      },
    })
    const usage = await freePlan('distinct_switched', meter.id)
    await usage.create(usage.event({ a: 1, b: 2 }, 2))
    await usage.create(usage.event({ a: 1, b: 2 }, 2))
    expect(await usage.balance()).toBe(-4)
    await flowglad.client.usageMeters.update(meter.id, {
      usageMeter: { id: meter.id, aggregationType: 'count_distinct_properties' },
    })
    await usage.create(usage.event({ b: 2, a: 1 }, 3))
    expect(await usage.balance()).toBe(-4)
    await usage.create(usage.event({ c: 1 }, 3))
    expect(await usage.balance()).toBe(-7)
  },
)
