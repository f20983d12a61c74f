import { describe, expect, it } from 'vitest'
import { createEmulator, loadPricingModel, PricingModelError } from '../src/index'
import { buy, createRig, current, signUp } from './support/emulatorRig'

const SHARED = '/work/shared/flowglad/pricing'
const FIXTURES = new URL('./fixtures/', import.meta.url).pathname

describe('pricing files', () => {
  it('loads the built-in model with the documented slugs', () => {
    const { pricingModel } = loadPricingModel()
    expect(pricingModel.products.map((p) => [p.slug, p.defaultPrice.slug, p.defaultPrice.unitPrice])).toEqual(
      [
        ['free', 'free_monthly', 0],
        ['pro', 'pro_monthly', 2000],
        ['credit_top_up', 'credit_top_up_once', 1000],
      ],
    )
    expect(pricingModel.defaultProduct?.slug).toBe('free')
    expect(pricingModel.products[1]?.features.map((f) => f.slug)).toEqual([
      'advanced_analytics',
      'pro_credits',
      'team_seats',
    ])
    expect(pricingModel.usageMeters.map((m) => m.slug)).toEqual(['api_calls'])
  })

  it('loads the legacy generation-based file: usage-price products become meter prices', () => {
    const { pricingModel } = loadPricingModel(`${FIXTURES}generation-based-subscription.yaml`)
    expect(pricingModel.products.map((p) => p.slug)).not.toContain('fast_generation_usage_price')
    const meter = pricingModel.usageMeters.find((m) => m.slug === 'fast_generations')
    expect(meter?.prices.map((p) => [p.slug, p.productId, p.unitPrice])).toContainEqual([
      'fast_generation_usage',
      null,
      5,
    ])
    expect(pricingModel.defaultProduct?.slug).toBe('free')
  })

  it('runs the seat-based file end to end: capacity follows the seat quantity', async () => {
    const rig = await createRig({ pricing: `${FIXTURES}seat-based-billing.yaml` })
    await signUp(rig.client)
    await buy(rig, 'pro_monthly', 'user_1', 3)
    const pro = await current(rig.client)
    const { usage } = await rig.client.get<{ usage: { capacity: number } }>(
      `/api/v1/resource-claims/${pro.id}/usage?resourceSlug=seats`,
    )
    expect(usage.capacity).toBe(3)
    await rig.close()
  })

  it('accepts an already-parsed object', () => {
    const catalog = loadPricingModel({
      name: 'Tiny',
      products: [
        {
          product: { name: 'Only', slug: 'only', default: true },
          price: { type: 'subscription', slug: 'only_monthly', unitPrice: 0, intervalUnit: 'month' },
          features: [],
        },
      ],
    })
    expect(catalog.pricesBySlug.get('only_monthly')?.type).toBe('subscription')
  })

  it('lists every broken reference in one error', () => {
    const broken = () =>
      loadPricingModel({
        name: 'Broken',
        features: [
          {
            type: 'usage_credit_grant',
            slug: 'c',
            name: 'C',
            amount: 1,
            renewalFrequency: 'once',
            usageMeterSlug: 'nope',
          },
        ],
        products: [
          {
            product: { name: 'A', slug: 'a' },
            price: { type: 'single_payment', slug: 'a1', unitPrice: 1 },
            features: ['c', 'missing'],
          },
        ],
      })
    expect(broken).toThrow(PricingModelError)
    expect(broken).toThrow(/unknown usage meter "nope"[\s\S]*unknown feature "missing"/)
  })

  it('the shared fixtures are the files from /work/shared', async () => {
    const { readFileSync, existsSync } = await import('node:fs')
    for (const name of ['generation-based-subscription.yaml', 'seat-based-billing.yaml']) {
      if (!existsSync(`${SHARED}/${name}`)) continue
      expect(readFileSync(`${FIXTURES}${name}`, 'utf8')).toBe(readFileSync(`${SHARED}/${name}`, 'utf8'))
    }
  })
})

describe('start failures', () => {
  it('a missing pricing file fails createEmulator with the path and the OS reason in the message', async () => {
    const missing = '/nonexistent/flowglad-pricing.yaml'
    const error = await createEmulator({ pricing: missing, listen: false }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(PricingModelError)
    expect((error as Error).message).toContain(missing)
    expect((error as Error).message).toMatch(/ENOENT/)
  })
})
