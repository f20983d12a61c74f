import { BadRequestError } from '@flowglad/node'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { type ConformanceRig, createConformanceRig } from './support/conformanceClient'

/** Admin writes refuse bad input before changing anything (emulator only: it inspects the catalog). */

let rig: ConformanceRig
beforeEach(async () => {
  rig = await createConformanceRig()
})
afterEach(() => rig.close())

it('a product offered with a usage price is a 400 and leaves no product behind', async () => {
  const { pricingModel } = await rig.client.pricingModels.retrieveDefault()
  const meter = pricingModel.usageMeters[0]
  if (!meter) throw new Error('default.yaml has a usage meter')
  const before = (await rig.client.products.list({ limit: '100' })).total
  const error = await rig.client.products
    .create({
      product: { name: 'Usage', active: true, pricingModelId: pricingModel.id, slug: 'usage_product' },
      price: {
        type: 'usage',
        usageMeterId: meter.id,
        intervalUnit: 'month',
        intervalCount: 1,
        isDefault: true,
        unitPrice: 1,
        usageEventsPerUnit: 1,
      },
    })
    .then(
      () => undefined,
      (e: unknown) => e,
    )
  expect(error).toBeInstanceOf(BadRequestError)
  expect((await rig.client.products.list({ limit: '100' })).total).toBe(before)
  // The slug is still free.
  const { product } = await rig.client.products.create({
    product: { name: 'Usage', active: true, pricingModelId: pricingModel.id, slug: 'usage_product' },
    price: { type: 'single_payment', isDefault: true, unitPrice: 100 },
  })
  expect((await rig.client.products.retrieve(product.id)).defaultPrice.unitPrice).toBe(100)
})

it('a price for an unknown product or meter changes nothing', async () => {
  const before = (await rig.client.prices.list({ limit: '100' })).total
  for (const price of [
    { type: 'single_payment' as const, productId: 'prod_missing', isDefault: true, unitPrice: 1 },
    {
      type: 'usage' as const,
      usageMeterId: 'usage_meter_missing',
      intervalUnit: 'month' as const,
      intervalCount: 1,
      isDefault: true,
      unitPrice: 1,
      usageEventsPerUnit: 1,
    },
  ]) {
    const error = await rig.client.prices.create({ price }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ status: 404 })
  }
  expect((await rig.client.prices.list({ limit: '100' })).total).toBe(before)
})
