import { ConflictError, PermissionDeniedError } from '@flowglad/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ConformanceTarget, openConformanceTarget } from '../support/conformanceTarget'
import { wireMismatches } from '../support/wireMismatches'

/**
 * Admin writes on the catalog (issue 14 item 5) on both conformance targets. On Flowglad's
 * server they are permanent, so every slug is unique to the run.
 */

let target: ConformanceTarget
let pricingModelId: string
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

beforeAll(async () => {
  target = await openConformanceTarget()
  pricingModelId = (await target.client.pricingModels.retrieveDefault()).pricingModel.id
}, 300_000)

afterAll(async () => {
  await target.close()
}, 300_000)

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )
const bodyOf = (error: unknown) => (error as { error?: Record<string, unknown> }).error ?? {}

describe('products and prices (productsRouter, pricesRouter)', () => {
  it('creates a product with its default price, updates it, and a new price replaces the old one', {
    timeout: 240_000,
  }, async () => {
    const slug = `conf_${run}_product`
    const { product } = await target.client.products.create({
      product: { name: 'Conformance', active: true, pricingModelId, slug },
      price: {
        type: 'subscription',
        intervalUnit: 'month',
        intervalCount: 1,
        isDefault: true,
        unitPrice: 1500,
        slug: `${slug}_monthly`,
      },
    })
    expect(product).toMatchObject({ slug, pricingModelId, default: false, active: true, description: null })
    expect(product).not.toHaveProperty('prices')
    const full = await target.client.products.retrieve(product.id)
    expect(full.prices).toHaveLength(1)
    expect(full.defaultPrice).toMatchObject({ slug: `${slug}_monthly`, unitPrice: 1500, isDefault: true })

    const updated = await target.client.products.update(product.id, {
      product: { id: product.id, name: 'Renamed', active: true, description: 'new' },
    })
    expect(updated.product).toMatchObject({ id: product.id, name: 'Renamed', description: 'new', slug })
    expect(updated.product.updatedAt).toBeGreaterThanOrEqual(product.updatedAt)

    const { price } = await target.client.prices.create({
      price: {
        type: 'subscription',
        productId: product.id,
        intervalUnit: 'year',
        intervalCount: 1,
        isDefault: false,
        unitPrice: 15000,
        slug: `${slug}_yearly`,
      },
    })
    // One active price per product: the new one is the default whatever was asked.
    expect(price).toMatchObject({ productId: product.id, isDefault: true, active: true, unitPrice: 15000 })
    const after = await target.client.products.retrieve(product.id)
    expect(after.defaultPrice.id).toBe(price.id)
    expect(after.prices.find((p) => p.id === full.defaultPrice.id)).toMatchObject({
      isDefault: false,
      active: false,
    })

    const renamed = await target.client.prices.update(price.id, {
      price: { id: price.id, type: 'subscription', isDefault: true, name: 'Yearly' },
    })
    expect(renamed.price).toMatchObject({ id: price.id, name: 'Yearly', unitPrice: 15000 })
    expect(wireMismatches(target.fetch.exchanges)).toEqual([])
  })

  it('refuses a default product (403) and a slug taken in the pricing model (409)', {
    timeout: 240_000,
  }, async () => {
    const slug = `conf_${run}_dup`
    const price = { type: 'single_payment' as const, isDefault: true, unitPrice: 100 }
    await target.client.products.create({
      product: { name: 'Dup', active: true, pricingModelId, slug },
      price,
    })
    const again = await caught(
      target.client.products.create({ product: { name: 'Dup', active: true, pricingModelId, slug }, price }),
    )
    expect(again).toBeInstanceOf(ConflictError)
    expect(bodyOf(again)).toMatchObject({
      code: 'CONFLICT',
      error: 'This product slug already exists in this pricing model. Please choose a different slug.',
    })
    const byDefault = await caught(
      target.client.products.create({
        product: { name: 'D', active: true, pricingModelId, slug: `${slug}_default`, default: true },
        price,
      }),
    )
    expect(byDefault).toBeInstanceOf(PermissionDeniedError)
    expect(bodyOf(byDefault)).toMatchObject({
      code: 'FORBIDDEN',
      error:
        'Default products cannot be created manually. They are automatically created when pricing models are created.',
    })
  })
})

describe('usage meters and features (usageMetersRouter, featuresRouter)', () => {
  it('a new usage meter comes with a default no-charge usage price, and updates', {
    timeout: 240_000,
  }, async () => {
    const slug = `conf_${run}_meter`
    const { usageMeter } = await target.client.usageMeters.create({
      usageMeter: { name: 'Meter', slug, pricingModelId },
    })
    expect(usageMeter).toMatchObject({ slug, name: 'Meter', aggregationType: 'sum', pricingModelId })
    const prices: Array<Record<string, unknown>> = []
    let cursor: string | undefined
    do {
      const page = await target.client.prices.list({ limit: '100', ...(cursor ? { cursor } : {}) })
      prices.push(...(page.data as unknown as Array<Record<string, unknown>>))
      cursor = page.hasMore ? (page.nextCursor ?? undefined) : undefined
    } while (cursor)
    expect(prices.filter((p) => p.usageMeterId === usageMeter.id)).toEqual([
      expect.objectContaining({
        type: 'usage',
        name: 'Meter - No Charge',
        slug: `${slug}_no_charge`,
        unitPrice: 0,
        usageEventsPerUnit: 1,
        isDefault: true,
        intervalUnit: 'month',
        intervalCount: 1,
        productId: null,
      }),
    ])
    const { usageMeter: renamed } = await target.client.usageMeters.update(usageMeter.id, {
      usageMeter: { id: usageMeter.id, name: 'Renamed' },
    })
    expect(renamed).toMatchObject({ id: usageMeter.id, name: 'Renamed', slug })
    expect((await target.client.usageMeters.retrieve(usageMeter.id)).usageMeter.name).toBe('Renamed')
  })

  it('creates and updates a toggle feature', { timeout: 240_000 }, async () => {
    const slug = `conf_${run}_toggle`
    const { feature } = await target.client.post<{ feature: Record<string, unknown> }>('/api/v1/features', {
      body: { feature: { type: 'toggle', slug, name: 'Toggle', description: 'd', pricingModelId } },
    })
    expect(feature).toMatchObject({
      type: 'toggle',
      slug,
      amount: null,
      usageMeterId: null,
      renewalFrequency: null,
      resourceId: null,
      active: true,
      pricingModelId,
    })
    const { feature: renamed } = await target.client.put<{ feature: Record<string, unknown> }>(
      `/api/v1/features/${String(feature.id)}`,
      { body: { feature: { id: feature.id, type: 'toggle', name: 'Renamed' } } },
    )
    expect(renamed).toMatchObject({ id: feature.id, name: 'Renamed', slug, description: 'd' })
    const fetched = await target.client.get<{ feature: Record<string, unknown> }>(
      `/api/v1/features/${String(feature.id)}`,
    )
    expect(fetched.feature.name).toBe('Renamed')
    expect(wireMismatches(target.fetch.exchanges)).toEqual([])
  })
})

describe('resources (resourcesRouter)', () => {
  it('creates a resource, active by default, and updates it', { timeout: 240_000 }, async () => {
    const slug = `conf_${run}_resource`
    const { resource } = await target.client.resources.create({
      resource: { name: 'Resource', slug, pricingModelId },
    })
    expect(resource).toMatchObject({ slug, name: 'Resource', active: true, pricingModelId })
    const { resource: renamed } = await target.client.resources.update(resource.id, {
      resource: { id: resource.id, name: 'Renamed' },
    })
    expect(renamed).toMatchObject({ id: resource.id, name: 'Renamed', slug })
    expect(renamed.updatedAt).toBeGreaterThanOrEqual(resource.updatedAt)
    const { resources } = await target.client.resources.list({ pricingModelId })
    expect(resources.map((r) => r.id)).toContain(resource.id)
    const again = await caught(
      target.client.resources.create({ resource: { name: 'Again', slug, pricingModelId } }),
    )
    expect(bodyOf(again)).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      error: expect.stringMatching(/^Failed to insert item into resources/),
    })
    expect(wireMismatches(target.fetch.exchanges)).toEqual([])
  })
})

describe('pricing models (pricingModelsRouter create, update)', () => {
  it('creates a non-default pricing model with no products or meters, and renames it', {
    timeout: 240_000,
  }, async () => {
    // Never touch the default model here: on the shared oracle it is everybody's.
    const { pricingModel } = await target.client.pricingModels.create({
      pricingModel: { name: `New ${run}` },
    })
    expect(pricingModel).toMatchObject({ name: `New ${run}`, isDefault: false })
    expect(pricingModel).not.toHaveProperty('products')
    const full = (await target.client.pricingModels.retrieve(pricingModel.id)).pricingModel
    expect(full.products).toEqual([])
    expect(full.usageMeters).toEqual([])
    const { pricingModel: renamed } = await target.client.pricingModels.update(pricingModel.id, {
      pricingModel: { id: pricingModel.id, name: `Renamed ${run}` },
    })
    expect(renamed).toMatchObject({ id: pricingModel.id, name: `Renamed ${run}`, isDefault: false })
    expect((await target.client.pricingModels.retrieveDefault()).pricingModel.id).toBe(pricingModelId)
  })
})

describe('pricing-model clone (pricingModelsRouter clone)', () => {
  it('copies the model under new ids, not default, and the copy can be retrieved', {
    timeout: 240_000,
  }, async () => {
    const source = (await target.client.pricingModels.retrieve(pricingModelId)).pricingModel
    const { pricingModel: clone } = await target.client.pricingModels.clone(pricingModelId, {
      name: `Clone ${run}`,
    })
    // Other files add meters (and their prices' products) to the default model meanwhile: the copy
    // holds everything the model had before the clone, and nothing it did not have after.
    const after = (await target.client.pricingModels.retrieve(pricingModelId)).pricingModel
    expect(clone).toMatchObject({ name: `Clone ${run}`, isDefault: false })
    expect(clone.id).not.toBe(pricingModelId)
    const slugs = (items: ReadonlyArray<{ slug?: string | null }>) => items.map((item) => item.slug)
    expect(slugs(clone.products)).toEqual(expect.arrayContaining(slugs(source.products)))
    expect(slugs(after.products)).toEqual(expect.arrayContaining(slugs(clone.products)))
    expect(slugs(clone.usageMeters)).toEqual(expect.arrayContaining(slugs(source.usageMeters)))
    expect(slugs(after.usageMeters)).toEqual(expect.arrayContaining(slugs(clone.usageMeters)))
    const sourceIds = new Set([
      ...source.products.map((p) => p.id),
      ...source.products.flatMap((p) => p.prices.map((x) => x.id)),
    ])
    for (const product of clone.products) {
      expect(product.pricingModelId).toBe(clone.id)
      expect(sourceIds.has(product.id)).toBe(false)
      for (const price of product.prices) {
        expect(sourceIds.has(price.id)).toBe(false)
        expect(price.productId).toBe(product.id)
      }
    }
    expect((await target.client.pricingModels.retrieve(clone.id)).pricingModel.id).toBe(clone.id)
    expect((await target.client.pricingModels.retrieveDefault()).pricingModel.id).toBe(pricingModelId)
  })
})
