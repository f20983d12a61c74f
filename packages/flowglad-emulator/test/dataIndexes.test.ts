import { readFileSync } from 'node:fs'
import Flowglad from '@flowglad/node'
import { describe, expect, it } from 'vitest'
import { createEmulatorCore, type EmulatorStore, parsePricingModel } from '../src/core'
import { distinctCombinationKey } from '../src/state/DataIndexes'
import { GroupIndex, KeySet, UniqueIndex } from '../src/state/RecordIndex'
import { propertiesCombination } from '../src/state/usage/usageProperties'

interface Item {
  id: string
  owner: string
}

describe('RecordIndex', () => {
  it('finds records pushed after it was built, first match per key and every match in order', () => {
    const items: Item[] = [{ id: 'a', owner: 'x' }]
    const byId = new UniqueIndex(
      () => items,
      (i) => i.id,
    )
    const byOwner = new GroupIndex(
      () => items,
      (i) => i.owner,
    )
    expect(byId.get('a')).toBe(items[0])
    items.push({ id: 'b', owner: 'y' }, { id: 'a', owner: 'x' }, { id: 'c', owner: 'x' })
    expect(byId.get('b')).toBe(items[1])
    expect(byId.get('a')).toBe(items[0]) // the first, as `find` answers
    expect(byOwner.get('x')).toEqual([items[0], items[2], items[3]])
    expect(byId.get('zzz')).toBeUndefined()
    expect(byOwner.get('zzz')).toEqual([])
  })

  it('follows a replaced array and records taken off the end', () => {
    let items: Item[] = [
      { id: 'a', owner: 'x' },
      { id: 'b', owner: 'x' },
    ]
    const byId = new UniqueIndex(
      () => items,
      (i) => i.id,
    )
    const byOwner = new GroupIndex(
      () => items,
      (i) => i.owner,
    )
    expect(byOwner.get('x')).toHaveLength(2)
    items = [{ id: 'c', owner: 'y' }]
    expect(byId.get('a')).toBeUndefined()
    expect(byId.get('c')).toBe(items[0])
    expect(byOwner.get('x')).toEqual([])
    const last = items.splice(-1, 1)[0] as Item
    items.push({ id: 'd', owner: 'y' })
    expect(byId.get('c')).toBeUndefined()
    expect(byOwner.get('y')).toEqual([items[0]])
    items.push(last)
    expect(byOwner.get('y')).toEqual([items[0], last])
  })

  it('answers whether some record has a key, leaving out records keyed null, and follows a replaced array', () => {
    let items: Item[] = [{ id: 'a', owner: 'x' }]
    const owners = new KeySet(
      () => items,
      (i) => (i.id === 'skip' ? null : i.owner),
    )
    expect(owners.has('x')).toBe(true)
    items.push({ id: 'skip', owner: 'y' }, { id: 'b', owner: 'z' })
    expect(owners.has('y')).toBe(false)
    expect(owners.has('z')).toBe(true)
    items = [{ id: 'c', owner: 'w' }]
    expect(owners.has('x')).toBe(false)
    expect(owners.has('w')).toBe(true)
  })

  it('hands out groups a caller may keep while the collection grows', () => {
    const items: Item[] = [{ id: 'a', owner: 'x' }]
    const byOwner = new GroupIndex(
      () => items,
      (i) => i.owner,
    )
    const group = byOwner.get('x')
    items.push({ id: 'b', owner: 'x' })
    expect(byOwner.get('x')).toHaveLength(2)
    expect(group).toHaveLength(1)
  })
})

/** Every index answer, checked against a scan of the data it indexes. */
function expectIndexesMatchScans(store: EmulatorStore) {
  const { data, indexes } = store
  for (const c of data.customers) {
    expect(indexes.customersById.get(c.id)).toBe(data.customers.find((x) => x.id === c.id))
    expect(indexes.customersByExternalId.get(c.externalId)).toEqual(
      data.customers.filter((x) => x.externalId === c.externalId),
    )
    expect(store.liveCustomer(c.externalId)).toBe(
      data.customers.find((x) => x.externalId === c.externalId && !x.archived),
    )
    expect(indexes.subscriptionsByCustomer.get(c.id)).toEqual(
      data.subscriptions.filter((s) => s.customerId === c.id),
    )
    expect(indexes.invoicesByCustomer.get(c.id)).toEqual(data.invoices.filter((i) => i.customerId === c.id))
    expect(indexes.purchasesByCustomer.get(c.id)).toEqual(data.purchases.filter((p) => p.customerId === c.id))
    expect(indexes.paymentMethodsByCustomer.get(c.id)).toEqual(
      data.paymentMethods.filter((p) => p.customerId === c.id),
    )
  }
  for (const s of data.subscriptions) {
    expect(indexes.subscriptionsById.get(s.id)).toBe(s)
    expect(indexes.subscriptionItemsBySubscription.get(s.id)).toEqual(
      data.subscriptionItems.filter((i) => i.subscriptionId === s.id),
    )
    expect(indexes.meterBalancesBySubscription.get(s.id)).toEqual(
      data.meterBalances.filter((b) => b.subscriptionId === s.id),
    )
  }
  for (const b of data.meterBalances) {
    expect(store.meterBalance(b.subscriptionId, b.usageMeterId)).toBe(b)
  }
  for (const e of data.usageEvents) {
    expect(indexes.usageEventsById.get(e.id)).toBe(e)
    expect(store.usageEventByTransaction(e.transactionId, e.usageMeterId)).toBe(
      data.usageEvents.find((x) => x.transactionId === e.transactionId && x.usageMeterId === e.usageMeterId),
    )
  }
  // The combinations seen, against a scan comparing properties the way Flowglad does (keys sorted
  // deeply, then JSON), asked for every event's own combination and for near misses.
  const periods = [...new Set(data.usageEvents.map((e) => e.billingPeriodId))]
  const meters = [...new Set(data.usageEvents.map((e) => e.usageMeterId))]
  const combinations = [
    ...new Set(data.usageEvents.map((e) => propertiesCombination(e.properties))),
    '{"x":0}',
  ]
  for (const usageMeterId of meters) {
    for (const billingPeriodId of periods) {
      if (billingPeriodId === null) continue
      for (const combination of combinations) {
        expect(
          indexes.distinctCombinations.has(
            distinctCombinationKey(usageMeterId, billingPeriodId, combination),
          ),
        ).toBe(
          data.usageEvents.some(
            (e) =>
              e.usageMeterId === usageMeterId &&
              e.billingPeriodId === billingPeriodId &&
              propertiesCombination(e.properties) === combination,
          ),
        )
      }
    }
  }
  for (const i of data.invoices) {
    expect(indexes.invoiceLineItemsByInvoice.get(i.id)).toEqual(
      data.invoiceLineItems.filter((l) => l.invoiceId === i.id),
    )
  }
}

describe("the store's indexes", () => {
  it('agree with scans of the data through every write path a customer lifecycle takes', async () => {
    const yaml = readFileSync(new URL('../pricing/default.yaml', import.meta.url), 'utf8')
    const core = createEmulatorCore({ catalog: parsePricingModel(yaml), apiKey: 'sk_test_idx' })
    const client = new Flowglad({ apiKey: 'sk_test_idx', baseURL: 'http://emulator.test', fetch: core.fetch })
    const { store } = core
    for (const externalId of ['a', 'b', 'c']) {
      await client.customers.create({
        customer: { externalId, email: `${externalId}@e.com`, name: externalId },
      })
    }
    expectIndexesMatchScans(store)
    const billing = await client.customers.retrieveBilling('a')
    const subscriptionId = billing.currentSubscription?.id as string
    await client.usageEvents.create({
      usageEvent: { subscriptionId, usageMeterSlug: 'api_calls', amount: 3, transactionId: 't1' },
    })
    await client.usageEvents.create({
      usageEvent: { subscriptionId, usageMeterSlug: 'api_calls', amount: 3, transactionId: 't1' },
    })
    expect(store.data.usageEvents).toHaveLength(1)
    await client.post('/api/v1/usage-events/bulk', {
      body: {
        usageEvents: [
          { subscriptionId, usageMeterSlug: 'api_calls', amount: 1, transactionId: 't2' },
          { subscriptionId, usageMeterSlug: 'api_calls', amount: 1, transactionId: 't2' },
          { subscriptionId, usageMeterSlug: 'api_calls', amount: 1, transactionId: 't3' },
        ],
      },
    })
    expect(store.data.usageEvents).toHaveLength(3)
    expectIndexesMatchScans(store)
    const { pricingModel } = await client.pricingModels.retrieveDefault()
    const { usageMeter: distinct } = await client.usageMeters.create({
      usageMeter: {
        name: 'D',
        slug: 'd',
        pricingModelId: pricingModel.id,
        aggregationType: 'count_distinct_properties',
      },
    })
    const distinctEvent = (transactionId: string, properties: Record<string, unknown>) => ({
      subscriptionId,
      usageMeterId: distinct.id,
      amount: 1,
      transactionId,
      properties,
    })
    await client.usageEvents.create({ usageEvent: distinctEvent('d1', { a: 1, b: [1, { d: 1, c: 2 }] }) })
    await client.post('/api/v1/usage-events/bulk', {
      body: {
        usageEvents: [
          distinctEvent('d2', { b: [1, { c: 2, d: 1 }], a: 1 }),
          distinctEvent('d3', { a: '1' }),
          {
            subscriptionId,
            usageMeterSlug: 'api_calls',
            amount: 1,
            transactionId: 't5',
            properties: { a: '1' },
          },
        ],
      },
    })
    expect(store.data.usageEvents).toHaveLength(7)
    expectIndexesMatchScans(store)
    // An archived customer's externalId is free again: two customers share it, one live.
    await client.post('/api/v1/customers/b/archive', { body: {} })
    await client.customers.create({ customer: { externalId: 'b', email: 'b2@e.com', name: 'b2' } })
    expect(store.data.customers.filter((c) => c.externalId === 'b')).toHaveLength(2)
    expectIndexesMatchScans(store)
    expect((await client.customers.retrieveBilling('b')).customer.email).toBe('b2@e.com')
    // A paid plan through checkout: payment method, purchase, invoice and its lines, a new subscription.
    const { checkoutSession } = await client.checkoutSessions.create({
      checkoutSession: {
        type: 'product',
        customerExternalId: 'a',
        priceSlug: 'pro_monthly',
        successUrl: 'https://app.example/ok',
        cancelUrl: 'https://app.example/no',
      },
    })
    core.control.completeCheckoutSession(checkoutSession.id)
    const pro = (await client.customers.retrieveBilling('a')).currentSubscription?.id as string
    expect(pro).not.toBe(subscriptionId)
    await client.usageEvents.create({
      usageEvent: { subscriptionId: pro, usageMeterSlug: 'api_calls', amount: 5, transactionId: 't4' },
    })
    core.control.advanceClock(40 * 24 * 3600 * 1000)
    expectIndexesMatchScans(store)
    await client.subscriptions.cancel(pro, { cancellation: { timing: 'immediately' } })
    expect(store.data.invoices.length).toBeGreaterThan(0)
    expect(store.data.meterBalances.length).toBeGreaterThan(1)
    expectIndexesMatchScans(store)
    // A reset replaces the data: nothing the indexes knew is found.
    core.control.reset()
    expect(store.indexes.subscriptionsById.get(subscriptionId)).toBeUndefined()
    expect(store.liveCustomer('a')).toBeUndefined()
    await client.customers.create({ customer: { externalId: 'a', email: 'a@e.com', name: 'a' } })
    expectIndexesMatchScans(store)
    expect(store.liveCustomer('a')?.email).toBe('a@e.com')
  })
})
