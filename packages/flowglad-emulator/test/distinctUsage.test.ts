import { readFileSync } from 'node:fs'
import Flowglad from '@flowglad/node'
import { describe, expect, it } from 'vitest'
import { createEmulatorCore, parsePricingModel } from '../src/core'
import { propertiesCombination, storedProperties } from '../src/state/usage/usageProperties'

/**
 * count_distinct_properties on the emulator alone, where the oracle cannot go: a new billing
 * period (the emulator's virtual clock). Wire behaviour is in conformance/distinctUsage.test.ts.
 */
async function freePlanWithDistinctMeter() {
  const yaml = readFileSync(new URL('../pricing/default.yaml', import.meta.url), 'utf8')
  const core = createEmulatorCore({ catalog: parsePricingModel(yaml), apiKey: 'sk_test_distinct' })
  const client = new Flowglad({
    apiKey: 'sk_test_distinct',
    baseURL: 'http://emulator.test',
    fetch: core.fetch,
  })
  const { pricingModel } = await client.pricingModels.retrieveDefault()
  const { usageMeter } = await client.usageMeters.create({
    usageMeter: {
      name: 'D',
      slug: 'd',
      pricingModelId: pricingModel.id,
      aggregationType: 'count_distinct_properties',
    },
  })
  await client.customers.create({ customer: { externalId: 'c', email: 'c@e.com', name: 'c' } })
  const subscriptionId = (await client.customers.retrieveBilling('c')).currentSubscription?.id as string
  let count = 0
  const record = async (properties: Record<string, unknown>, amount = 1) =>
    (
      await client.usageEvents.create({
        usageEvent: {
          subscriptionId,
          usageMeterId: usageMeter.id,
          amount,
          transactionId: `t${++count}`,
          properties,
        },
      })
    ).usageEvent
  const balance = () => core.store.meterBalance(subscriptionId, usageMeter.id)
  return { core, record, balance }
}

describe('count_distinct_properties usage', () => {
  it('counts a combination again in the next billing period, once', async () => {
    const { core, record, balance } = await freePlanWithDistinctMeter()
    const first = await record({ user: 'u1', plan: 'pro' }, 2)
    await record({ plan: 'pro', user: 'u1' }, 2)
    expect(balance()?.recurring).toBe(-2)
    core.control.advanceClock(40 * 24 * 3600 * 1000)
    const available = () => (balance()?.recurring ?? 0) + (balance()?.once ?? 0)
    const renewed = available()
    const next = await record({ plan: 'pro', user: 'u1' }, 2)
    await record({ user: 'u1', plan: 'pro' }, 2)
    expect(next.billingPeriodId).not.toBe(first.billingPeriodId)
    expect(available()).toBe(renewed - 2)
  })

  it('keys a combination by its content, not by key order or how it was written', () => {
    expect(propertiesCombination({ b: { y: [1, { q: 1, p: 2 }], x: null }, a: '1' })).toBe(
      propertiesCombination({ a: '1', b: { x: null, y: [1, { p: 2, q: 1 }] } }),
    )
    expect(propertiesCombination({ l: [1, 2] })).not.toBe(propertiesCombination({ l: [2, 1] }))
    expect(propertiesCombination({ n: 1 })).not.toBe(propertiesCombination({ n: '1' }))
    expect(propertiesCombination(null)).toBe(propertiesCombination({}))
    // Key parts that look like JSON or separators stay inside their own string.
    expect(propertiesCombination({ 'a":1,"b': 2 })).not.toBe(propertiesCombination({ a: 1, b: 2 }))
  })

  it('stores properties in jsonb key order: byte length first, then bytes', () => {
    expect(Object.keys(storedProperties({ é: 1, ab: 2, z: 3, B: 4 }))).toEqual(['B', 'z', 'ab', 'é']) // é is 2 bytes
    expect(Object.keys(storedProperties({ é: 1, Ā: 2 }))).toEqual(['é', 'Ā']) // c3 a9 < c4 80
    // Flowglad's server drops a nested `__proto__` key (oracle); so does the copy, prototype untouched.
    const stored = storedProperties(JSON.parse('{"u":{"__proto__":{"x":1},"b":2}}'))
    expect(JSON.stringify(stored)).toBe('{"u":{"b":2}}')
    expect(Object.getPrototypeOf(stored.u)).toBe(Object.prototype)
    expect(storedProperties(undefined)).toEqual({})
    expect(storedProperties(null)).toEqual({})
  })
})
