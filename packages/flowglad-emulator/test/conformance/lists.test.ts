import { InternalServerError, NotFoundError } from '@flowglad/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ConformanceTarget, openConformanceTarget } from '../support/conformanceTarget'
import { wireMismatches } from '../support/wireMismatches'

/**
 * Lists, retrieves and pagination (issue 14 item 5), on both conformance targets: the emulator by
 * default, Flowglad's own server when FLOWGLAD_CONFORMANCE_SECRET_KEY/BASE_URL point at the oracle.
 * Flowglad's server is shared, so these tests never assume a list holds only what they created.
 */

let target: ConformanceTarget
type Model = {
  id: string
  products: Array<{
    id: string
    slug: string
    name: string
    prices: Array<{ id: string; slug: string | null }>
    features: Array<{ id: string; slug: string }>
  }>
  usageMeters: Array<{ id: string; slug: string; prices: Array<{ id: string }> }>
}
let model: Model

beforeAll(async () => {
  target = await openConformanceTarget()
  model = (await target.client.pricingModels.retrieveDefault()).pricingModel as unknown as Model
}, 300_000)

afterAll(async () => {
  await target.close()
}, 300_000)

const mismatches = () => wireMismatches(target.fetch.exchanges)

const raw = async (path: string) => {
  const response = await target.fetch(`${target.baseURL}${path}`, {
    headers: { authorization: target.apiKey },
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )
const bodyOf = (error: unknown) => (error as { error?: Record<string, unknown> }).error ?? {}
type PageBody = {
  data: Array<{ id: string }>
  hasMore: boolean
  total: number
  nextCursor: unknown
  currentCursor: unknown
}

const LISTS = [
  'customers',
  'subscriptions',
  'products',
  'prices',
  'usage-meters',
  'features',
  'pricing-models',
  'invoices',
  'invoice-line-items',
  'payment-methods',
  'checkout-sessions',
  'usage-events',
  'payments',
  'discounts',
] as const

describe('lists (createPaginatedSelectFunction, db-core/tableUtils.ts)', () => {
  it('every list answers { data, currentCursor: null, nextCursor, hasMore, total } on the wire', {
    timeout: 240_000,
  }, async () => {
    for (const list of LISTS) {
      const { status, body } = await raw(`/api/v1/${list}?limit=100`)
      expect({ list, status }).toEqual({ list, status: 200 })
      const page = body as unknown as PageBody
      expect(Object.keys(page).sort()).toEqual(['currentCursor', 'data', 'hasMore', 'nextCursor', 'total'])
      expect(page.currentCursor).toBeNull()
      expect(page.total).toBeGreaterThanOrEqual(page.data.length)
      expect(page.hasMore).toBe(page.total > page.data.length)
      if (!page.hasMore) expect(page.nextCursor).toBeNull()
    }
    expect(mismatches()).toEqual([])
  })

  it('walks a list page by page with nextCursor, in (createdAt, id) order, each record once', {
    timeout: 240_000,
  }, async () => {
    const first = (await raw('/api/v1/prices?limit=1')).body as unknown as PageBody
    const seen = [...first.data.map((p) => p.id)]
    let page = first
    while (page.hasMore) {
      expect(typeof page.nextCursor).toBe('string')
      const next = (await raw(`/api/v1/prices?limit=1&cursor=${encodeURIComponent(String(page.nextCursor))}`))
        .body as unknown as PageBody
      expect(next.currentCursor).toBe(page.nextCursor)
      // Other files create prices on the same account meanwhile: they come after, never before.
      expect(next.total).toBeGreaterThanOrEqual(first.total)
      seen.push(...next.data.map((p) => p.id))
      page = next
    }
    expect(page.nextCursor).toBeNull()
    expect(seen.length).toBeGreaterThanOrEqual(first.total)
    expect(new Set(seen).size).toBe(seen.length)
    const all = (await raw('/api/v1/prices?limit=100')).body as unknown as PageBody
    expect(all.data.map((p) => p.id).slice(0, seen.length)).toEqual(seen)
  })

  it('pages hold 10 records when no limit is given', { timeout: 240_000 }, async () => {
    for (let i = 0; i < 11; i += 1) {
      const externalId = target.newExternalId(`page${i}`)
      await target.client.customers.create({
        customer: { externalId, email: `${externalId}@example.com`, name: 'Page' },
      })
    }
    const page = await target.client.customers.list()
    expect(page.data).toHaveLength(10)
    expect(page.hasMore).toBe(true)
    expect(page.total).toBeGreaterThanOrEqual(11)
  })

  it('the catalog lists hold the default pricing model: its products, prices, meters and features', {
    timeout: 240_000,
  }, async () => {
    const ids = async (list: string) =>
      ((await raw(`/api/v1/${list}?limit=100`)).body as unknown as PageBody).data.map((r) => r.id)
    const products = await ids('products')
    expect(products).toEqual(expect.arrayContaining(model.products.map((p) => p.id)))
    const prices = await ids('prices')
    const modelPrices = [
      ...model.products.flatMap((p) => p.prices),
      ...model.usageMeters.flatMap((m) => m.prices),
    ]
    expect(prices).toEqual(expect.arrayContaining(modelPrices.map((p) => p.id)))
    expect(await ids('usage-meters')).toEqual(expect.arrayContaining(model.usageMeters.map((m) => m.id)))
    const features = model.products.flatMap((p) => p.features.map((f) => f.id))
    expect(await ids('features')).toEqual(expect.arrayContaining(features))
    expect(await ids('pricing-models')).toContain(model.id)
  })

  it('a new customer and its subscription show up in the customers and subscriptions lists', {
    timeout: 240_000,
  }, async () => {
    const externalId = target.newExternalId('listed')
    const { data } = await target.client.customers.create({
      customer: { externalId, email: `${externalId}@example.com`, name: 'Listed' },
    })
    const customers = (await raw('/api/v1/customers?limit=100')).body as unknown as PageBody & {
      total: number
    }
    // Oldest first: a fresh customer is on the last page.
    let page = customers
    const found: string[] = page.data.map((c) => c.id)
    while (page.hasMore) {
      page = (await raw(`/api/v1/customers?limit=100&cursor=${encodeURIComponent(String(page.nextCursor))}`))
        .body as unknown as PageBody
      found.push(...page.data.map((c) => c.id))
    }
    expect(found).toContain(data.customer.id)
    if (data.subscription) {
      const subs: string[] = []
      let cursor: string | undefined
      do {
        const next = await target.client.subscriptions.list({ limit: '100', ...(cursor ? { cursor } : {}) })
        subs.push(...next.data.map((s) => s.id))
        cursor = next.hasMore ? (next.nextCursor ?? undefined) : undefined
      } while (cursor)
      expect(subs).toContain(data.subscription.id)
    }
  })
})

describe('pagination params (route.ts paginationParamsSchema, parseAndValidateCursor)', () => {
  const issueMessage = async (query: string) => {
    const { status, body } = await raw(`/api/v1/products?${query}`)
    expect(status).toBe(400)
    expect(body.code).toBeUndefined()
    expect(typeof body.error).toBe('string')
    const issues = JSON.parse(String(body.error)) as Array<{ path: string[]; message: string }>
    return `${issues[0]?.path.join('.')}: ${issues[0]?.message}`
  }

  it('refuses a limit outside 1–100, not an integer, or not a number with a 400 carrying zod issues as text', {
    timeout: 240_000,
  }, async () => {
    expect(await issueMessage('limit=0')).toBe('limit: Too small: expected number to be >=1')
    expect(await issueMessage('limit=101')).toBe('limit: Too big: expected number to be <=100')
    expect(await issueMessage('limit=1.5')).toBe('limit: Invalid input: expected int, received number')
    expect(await issueMessage('limit=abc')).toBe('limit: Invalid input: expected number, received NaN')
    expect(await issueMessage('cursor=')).toBe('cursor: Too small: expected string to have >=1 characters')
  })

  it('checks limit on any GET, not only lists', { timeout: 240_000 }, async () => {
    expect(await raw('/api/v1/pricing-models/default?limit=0')).toMatchObject({ status: 400 })
  })

  it('refuses a cursor that is not base64 JSON with an id as 400 `Invalid cursor`', {
    timeout: 240_000,
  }, async () => {
    for (const cursor of ['zzz', Buffer.from('{"createdAt":1}').toString('base64')]) {
      const { status, body } = await raw(`/api/v1/products?cursor=${encodeURIComponent(cursor)}`)
      expect(status).toBe(400)
      expect(body).toMatchObject({ error: 'Invalid cursor' })
      expect(body.code).toBeUndefined()
    }
  })

  it('accepts a legacy cursor without id (createdAt + direction only)', { timeout: 240_000 }, async () => {
    const legacy = Buffer.from(
      JSON.stringify({ parameters: {}, createdAt: 1, direction: 'forward' }),
    ).toString('base64')
    const { status, body } = await raw(`/api/v1/pricing-models?cursor=${encodeURIComponent(legacy)}`)
    expect(status).toBe(200)
    expect((body as unknown as PageBody).data.map((m) => m.id)).toContain(model.id)
  })
})

describe('retrieves', () => {
  it('a product comes back bare (not wrapped) with its prices, default price and features', {
    timeout: 240_000,
  }, async () => {
    const expected = model.products[0]
    if (!expected) throw new Error('the default pricing model has no product')
    const product = (await target.client.products.retrieve(
      expected.id,
    )) as unknown as Model['products'][number] & {
      defaultPrice: { id: string }
    }
    expect(product).toMatchObject({ id: expected.id, slug: expected.slug, name: expected.name })
    expect(product.prices.map((p) => p.id).sort()).toEqual(expected.prices.map((p) => p.id).sort())
    expect(product.features.map((f) => f.id).sort()).toEqual(expected.features.map((f) => f.id).sort())
    expect(expected.prices.map((p) => p.id)).toContain(product.defaultPrice.id)
    expect(mismatches()).toEqual([])
  })

  it('a price, usage meter, feature and resource come back wrapped in their names', {
    timeout: 240_000,
  }, async () => {
    const price = model.products[0]?.prices[0]
    if (price)
      expect((await raw(`/api/v1/prices/${price.id}`)).body).toMatchObject({ price: { id: price.id } })
    const meter = model.usageMeters[0]
    if (meter) {
      const { usageMeter } = await target.client.usageMeters.retrieve(meter.id)
      expect(usageMeter).toMatchObject({ id: meter.id, slug: meter.slug })
      expect(usageMeter).not.toHaveProperty('prices')
    }
    const feature = model.products.flatMap((p) => p.features)[0]
    if (feature)
      expect((await raw(`/api/v1/features/${feature.id}`)).body).toMatchObject({
        feature: { id: feature.id, slug: feature.slug },
      })
    const { resources } = await target.client.resources.list({ pricingModelId: model.id })
    const resource = resources[0]
    if (resource)
      expect(await target.client.resources.retrieve(resource.id)).toMatchObject({
        resource: { id: resource.id },
      })
    expect(mismatches()).toEqual([])
  })

  it('unknown ids fail as each router does: 404 for prices, 500 panics or messages elsewhere', {
    timeout: 240_000,
  }, async () => {
    const price = await caught(target.client.get('/api/v1/prices/price_conf_missing'))
    expect(price).toBeInstanceOf(NotFoundError)
    expect(bodyOf(price)).toMatchObject({ code: 'NOT_FOUND', error: 'Price not found' })
    const cases: Array<[string, string]> = [
      ['/api/v1/products/prod_conf_missing', 'An unexpected error occurred. Please try again.'],
      [
        '/api/v1/usage-meters/um_conf_missing',
        'Unwrap called on Err: NotFoundError: No usage meters found with id: um_conf_missing',
      ],
      [
        '/api/v1/features/f_conf_missing',
        'Unwrap called on Err: NotFoundError: No features found with id: f_conf_missing',
      ],
      [
        '/api/v1/resources/r_conf_missing',
        'Unwrap called on Err: NotFoundError: No resources found with id: r_conf_missing',
      ],
      ['/api/v1/invoices/inv_conf_missing', 'Output validation failed'],
      [
        '/api/v1/invoice-line-items/il_conf_missing',
        'Unwrap called on Err: Panic: Unwrap called on Err: NotFoundError: No invoice line items found with id: il_conf_missing',
      ],
      [
        '/api/v1/payment-methods/pm_conf_missing',
        'Unwrap called on Err: Panic: Unwrap called on Err: NotFoundError: No payment methods found with id: pm_conf_missing',
      ],
      [
        '/api/v1/payments/pay_conf_missing',
        'Unwrap called on Err: Panic: Unwrap called on Err: NotFoundError: No payments found with id: pay_conf_missing',
      ],
      [
        '/api/v1/purchases/pur_conf_missing',
        'Unwrap called on Err: Panic: Unwrap called on Err: NotFoundError: No purchases found with id: pur_conf_missing',
      ],
      ['/api/v1/discounts/d_conf_missing', 'No discounts found with id: d_conf_missing'],
    ]
    for (const [path, message] of cases) {
      const error = await caught(target.client.get(path))
      expect({ path, error: error instanceof InternalServerError }).toEqual({ path, error: true })
      expect({ path, body: bodyOf(error) }).toMatchObject({
        path,
        body: { code: 'INTERNAL_SERVER_ERROR', error: message },
      })
    }
  })
})
