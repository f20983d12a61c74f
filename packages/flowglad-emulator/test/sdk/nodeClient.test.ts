import Flowglad from '@flowglad/node'
import type { APIResource } from '@flowglad/node/resource'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ConformanceRig, createConformanceRig } from '../support/conformanceClient'
import { URLS } from '../support/conformanceFlow'
import { wireMismatches } from '../support/wireMismatches'

/**
 * Every resource method of the official `@flowglad/node` 0.29.0 client, called against the
 * emulator (issue 14 item 6). Each answer is checked against Flowglad's OpenAPI spec, the
 * document the SDK is generated from (`validatingFetch`), and against what the call should do.
 * `METHODS` is typed as a record over every method the client exposes: a method added to the
 * client and not covered here does not compile.
 */

type Resources = {
  [K in keyof Flowglad as Flowglad[K] extends APIResource ? K : never]: Flowglad[K]
}
type MethodsOf<R> = {
  [M in keyof R as R[M] extends (...args: never[]) => unknown
    ? M extends `_${string}`
      ? never
      : M
    : never]: true
}
/** `resource.method` for every resource method on the client. */
export type NodeMethod = {
  [R in keyof Resources]: `${R & string}.${keyof MethodsOf<Resources[R]> & string}`
}[keyof Resources]

/** What a case leaves behind for later ones. */
interface Fixture {
  externalId: string
  customerId: string
  freeSubscriptionId: string
  paidSubscriptionId: string
  productId: string
  priceId: string
  usageMeterId: string
  usageEventId: string
  pricingModelId: string
  resourceId: string
  checkoutSessionId: string
  invoiceId: string
  invoiceLineItemId: string
  paymentMethodId: string
}

/** An answer the emulator gives on purpose, and why (SPEC-NOTES.md "SDK coverage"). */
type Outcome = { ok: true } | { status: number; why: string }

type Case = (client: Flowglad, fixture: Fixture) => Promise<Outcome>

const ok = { ok: true } as const

let rig: ConformanceRig
let fixture: Fixture
const run = Math.random().toString(36).slice(2, 8)

beforeAll(async () => {
  rig = await createConformanceRig()
  const { client } = rig
  const externalId = `sdk_${run}`
  const { data } = await client.customers.create({
    customer: { externalId, email: `${externalId}@example.com`, name: 'SDK' },
  })
  const { pricingModel } = await client.pricingModels.retrieveDefault()
  const pro = pricingModel.products.find((p) => p.slug === 'pro')
  if (!pro || !data.subscription) throw new Error('default.yaml has a free plan and a pro product')
  const { checkoutSession } = await client.checkoutSessions.create({
    checkoutSession: { type: 'product', customerExternalId: externalId, priceSlug: 'pro_monthly', ...URLS },
  })
  rig.emulator.control.completeCheckoutSession(checkoutSession.id)
  const billing = await client.customers.retrieveBilling(externalId)
  const paid = billing.currentSubscription
  const invoice = billing.invoices[0]
  const paymentMethod = billing.paymentMethods[0]
  if (!paid || !invoice || !paymentMethod)
    throw new Error('a completed checkout leaves a subscription, invoice and card')
  const meter = pricingModel.usageMeters[0]
  if (!meter) throw new Error('default.yaml has a usage meter')
  const { usageEvent } = await client.usageEvents.create({
    usageEvent: {
      subscriptionId: paid.id,
      usageMeterId: meter.id,
      amount: 1,
      transactionId: `sdk_${run}_t1`,
    },
  })
  const { resources } = await client.resources.list({ pricingModelId: pricingModel.id })
  fixture = {
    externalId,
    customerId: data.customer.id,
    freeSubscriptionId: data.subscription.id,
    paidSubscriptionId: paid.id,
    productId: pro.id,
    priceId: pro.defaultPrice.id,
    usageMeterId: meter.id,
    usageEventId: usageEvent.id,
    pricingModelId: pricingModel.id,
    resourceId: resources[0]?.id ?? '',
    checkoutSessionId: checkoutSession.id,
    invoiceId: invoice.invoice.id,
    invoiceLineItemId: invoice.invoiceLineItems[0]?.id ?? '',
    paymentMethodId: paymentMethod.id,
  }
}, 60_000)

afterAll(async () => {
  await rig?.close()
})

const page = (result: { data: unknown[]; hasMore: boolean; total: number }) => {
  expect(result.total).toBeGreaterThanOrEqual(result.data.length)
  return ok
}

const METHODS = {
  'customers.create': async (client) => {
    const externalId = `sdk_${run}_new`
    const { data } = await client.customers.create({
      customer: { externalId, email: 'n@example.com', name: 'N' },
    })
    expect(data.customer.externalId).toBe(externalId)
    return ok
  },
  'customers.retrieve': async (client, f) => {
    expect((await client.customers.retrieve(f.externalId)).customer.id).toBe(f.customerId)
    return ok
  },
  'customers.update': async (client, f) => {
    const { customer } = await client.customers.update(f.externalId, { customer: { name: 'Renamed' } })
    expect(customer.name).toBe('Renamed')
    return ok
  },
  'customers.list': async (client, f) => {
    const result = await client.customers.list({ limit: '100' })
    expect(result.data.map((c) => c.id)).toContain(f.customerId)
    return page(result)
  },
  'customers.retrieveBilling': async (client, f) => {
    const billing = await client.customers.retrieveBilling(f.externalId)
    expect(billing.currentSubscription?.id).toBe(f.paidSubscriptionId)
    return ok
  },
  'checkoutSessions.create': async (client, f) => {
    const { checkoutSession, url } = await client.checkoutSessions.create({
      checkoutSession: { type: 'add_payment_method', customerExternalId: f.externalId, ...URLS },
    })
    expect(checkoutSession.type).toBe('add_payment_method')
    expect(url).toContain(checkoutSession.id)
    return ok
  },
  'checkoutSessions.retrieve': async (client, f) => {
    expect((await client.checkoutSessions.retrieve(f.checkoutSessionId)).checkoutSession.status).toBe(
      'succeeded',
    )
    return ok
  },
  'checkoutSessions.list': async (client, f) => {
    const result = await client.checkoutSessions.list()
    expect(result.data.map((s) => s.id)).toContain(f.checkoutSessionId)
    return page(result)
  },
  'discounts.create': async (client) =>
    refused(
      client.discounts.create({
        discount: {
          code: 'SDK',
          name: 'SDK',
          amount: 10,
          amountType: 'percent',
          duration: 'once',
          active: true,
        },
      } as unknown as Flowglad.DiscountCreateParams),
      404,
      'discounts are not emulated (no checkout applies them)',
    ),
  'discounts.retrieve': async (client) =>
    refused(client.discounts.retrieve('discount_none'), 500, 'no discount exists; Flowglad answers a 500'),
  'discounts.update': async (client) =>
    refused(
      client.discounts.update('discount_none', {
        discount: { id: 'discount_none' },
      } as unknown as Flowglad.DiscountUpdateParams),
      404,
      'discounts are not emulated',
    ),
  'discounts.list': async (client) => {
    const result = await client.discounts.list()
    expect(result.data).toEqual([])
    return page(result)
  },
  'invoiceLineItems.retrieve': async (client, f) => {
    const line = await client.invoiceLineItems.retrieve(f.invoiceLineItemId)
    expect(line.id).toBe(f.invoiceLineItemId)
    return ok
  },
  'invoiceLineItems.list': async (client, f) => {
    const result = await client.invoiceLineItems.list()
    expect(result.data.map((l) => l.id)).toContain(f.invoiceLineItemId)
    return page(result)
  },
  'invoices.retrieve': async (client, f) => {
    const { invoice, invoiceLineItems } = await client.invoices.retrieve(f.invoiceId)
    expect(invoice.id).toBe(f.invoiceId)
    expect(invoiceLineItems.map((l) => l.id)).toContain(f.invoiceLineItemId)
    return ok
  },
  'invoices.list': async (client, f) => {
    const result = await client.invoices.list()
    expect(result.data.map((i) => i.id)).toContain(f.invoiceId)
    return page(result)
  },
  'paymentMethods.retrieve': async (client, f) => {
    expect((await client.paymentMethods.retrieve(f.paymentMethodId)).paymentMethod.id).toBe(f.paymentMethodId)
    return ok
  },
  'paymentMethods.list': async (client, f) => {
    const result = await client.paymentMethods.list()
    expect(result.data.map((m) => m.id)).toContain(f.paymentMethodId)
    return page(result)
  },
  'payments.retrieve': async (client) =>
    refused(client.payments.retrieve('pay_none'), 500, 'the emulator records no payments'),
  'payments.list': async (client) => {
    const result = await client.payments.list()
    expect(result.data).toEqual([])
    return page(result)
  },
  'payments.refund': async (client) =>
    refused(
      client.payments.refund('pay_none', {}),
      500,
      'no payment exists to refund; Flowglad answers a 500',
    ),
  'prices.create': async (client, f) => {
    const { price } = await client.prices.create({
      price: {
        type: 'usage',
        usageMeterId: f.usageMeterId,
        intervalUnit: 'month',
        intervalCount: 1,
        isDefault: false,
        unitPrice: 5,
        usageEventsPerUnit: 10,
        slug: `sdk_${run}_usage`,
      },
    })
    expect(price).toMatchObject({ usageMeterId: f.usageMeterId, unitPrice: 5, isDefault: false })
    return ok
  },
  'prices.update': async (client, f) => {
    const { price } = await client.prices.update(f.priceId, {
      price: { id: f.priceId, type: 'subscription', isDefault: true, name: 'Pro monthly' },
    })
    expect(price.name).toBe('Pro monthly')
    return ok
  },
  'prices.list': async (client, f) => {
    const result = await client.prices.list({ limit: '100' })
    expect(result.data.map((p) => p.id)).toContain(f.priceId)
    return page(result)
  },
  'pricingModels.create': async (client) => {
    const { pricingModel } = await client.pricingModels.create({ pricingModel: { name: 'Other' } })
    expect(pricingModel).toMatchObject({ name: 'Other', isDefault: false })
    expect((await client.pricingModels.retrieve(pricingModel.id)).pricingModel.products).toEqual([])
    return ok
  },
  'pricingModels.retrieve': async (client, f) => {
    expect((await client.pricingModels.retrieve(f.pricingModelId)).pricingModel.id).toBe(f.pricingModelId)
    return ok
  },
  'pricingModels.update': async (client, f) => {
    const { pricingModel } = await client.pricingModels.update(f.pricingModelId, {
      pricingModel: { id: f.pricingModelId, name: 'Renamed model' },
    })
    expect(pricingModel).toMatchObject({ id: f.pricingModelId, name: 'Renamed model', isDefault: true })
    return ok
  },
  'pricingModels.list': async (client, f) => {
    const result = await client.pricingModels.list()
    expect(result.data.map((m) => m.id)).toContain(f.pricingModelId)
    return page(result)
  },
  'pricingModels.clone': async (client, f) => {
    const { pricingModel } = await client.pricingModels.clone(f.pricingModelId, { name: 'Clone' })
    expect(pricingModel).toMatchObject({ name: 'Clone', isDefault: false })
    return ok
  },
  'pricingModels.retrieveDefault': async (client, f) => {
    expect((await client.pricingModels.retrieveDefault()).pricingModel.id).toBe(f.pricingModelId)
    return ok
  },
  'products.create': async (client, f) => {
    const { product } = await client.products.create({
      product: { name: 'SDK', active: true, pricingModelId: f.pricingModelId, slug: `sdk_${run}_product` },
      price: { type: 'single_payment', isDefault: true, unitPrice: 700 },
    })
    expect(product.slug).toBe(`sdk_${run}_product`)
    return ok
  },
  'products.retrieve': async (client, f) => {
    const product = await client.products.retrieve(f.productId)
    expect(product.prices.map((p) => p.id)).toContain(f.priceId)
    return ok
  },
  'products.update': async (client, f) => {
    const { product } = await client.products.update(f.productId, {
      product: { id: f.productId, name: 'Pro', active: true, description: 'Updated' },
    })
    expect(product.description).toBe('Updated')
    return ok
  },
  'products.list': async (client, f) => {
    const result = await client.products.list()
    expect(result.data.map((p) => p.id)).toContain(f.productId)
    return page(result)
  },
  'resourceClaims.claim': async (client, f) => {
    const { claims } = await client.resourceClaims.claim(f.paidSubscriptionId, {
      resourceSlug: 'seats',
      quantity: 1,
    })
    expect(claims).toHaveLength(1)
    return ok
  },
  'resourceClaims.listUsages': async (client, f) => {
    const usages = await client.resourceClaims.listUsages(f.paidSubscriptionId)
    expect(usages.map((u) => u.usage.resourceSlug)).toContain('seats')
    return ok
  },
  'resourceClaims.release': async (client, f) => {
    const { releasedClaims } = await client.resourceClaims.release(f.paidSubscriptionId, {
      resourceSlug: 'seats',
      quantity: 1,
    })
    expect(releasedClaims).toHaveLength(1)
    return ok
  },
  'resourceClaims.retrieveUsage': async (client, f) => {
    const { usage } = await client.resourceClaims.retrieveUsage(f.paidSubscriptionId, {
      resourceSlug: 'seats',
    })
    expect(usage.resourceSlug).toBe('seats')
    return ok
  },
  'resources.create': async (client, f) => {
    const { resource } = await client.resources.create({
      resource: { name: 'R', slug: `sdk_${run}_r`, pricingModelId: f.pricingModelId },
    })
    expect(resource).toMatchObject({ slug: `sdk_${run}_r`, active: true })
    return ok
  },
  'resources.retrieve': async (client, f) => {
    expect((await client.resources.retrieve(f.resourceId)).resource.id).toBe(f.resourceId)
    return ok
  },
  'resources.update': async (client, f) => {
    const { resource } = await client.resources.update(f.resourceId, {
      resource: { id: f.resourceId, name: 'Seats' },
    })
    expect(resource.name).toBe('Seats')
    return ok
  },
  'resources.list': async (client, f) => {
    const { resources } = await client.resources.list({ pricingModelId: f.pricingModelId })
    expect(resources.map((r) => r.id)).toContain(f.resourceId)
    return ok
  },
  'subscriptions.create': async (client) => {
    const externalId = `sdk_${run}_sub`
    await client.customers.create({ customer: { externalId, email: 's@example.com', name: 'S' } })
    const { subscription } = await client.subscriptions.create({
      customerExternalId: externalId,
      priceSlug: 'pro_monthly',
    })
    expect(subscription.status).toBe('incomplete')
    return ok
  },
  'subscriptions.retrieve': async (client, f) => {
    expect((await client.subscriptions.retrieve(f.paidSubscriptionId)).subscription.id).toBe(
      f.paidSubscriptionId,
    )
    return ok
  },
  'subscriptions.list': async (client, f) => {
    const result = await client.subscriptions.list({ limit: '100' })
    expect(result.data.map((s) => s.id)).toContain(f.paidSubscriptionId)
    return page(result)
  },
  'subscriptions.adjust': async (client, f) => {
    const result = await client.subscriptions.adjust(f.paidSubscriptionId, {
      adjustment: {
        timing: 'immediately',
        newSubscriptionItems: [{ priceSlug: 'pro_monthly', quantity: 2 }],
      },
    })
    expect(result.subscriptionItems.map((i) => i.quantity)).toEqual([2])
    return ok
  },
  'subscriptions.cancel': async (client, f) => {
    const { subscription } = await client.subscriptions.cancel(f.paidSubscriptionId, {
      cancellation: { timing: 'at_end_of_current_billing_period' },
    })
    expect(subscription.status).toBe('cancellation_scheduled')
    return ok
  },
  'subscriptions.uncancel': async (client, f) => {
    const { subscription } = await client.subscriptions.uncancel(f.paidSubscriptionId)
    expect(subscription.status).toBe('active')
    return ok
  },
  'usageEvents.create': async (client, f) => {
    const { usageEvent } = await client.usageEvents.create({
      usageEvent: {
        subscriptionId: f.paidSubscriptionId,
        usageMeterId: f.usageMeterId,
        amount: 2,
        transactionId: `sdk_${run}_t2`,
      },
    })
    expect(usageEvent.amount).toBe(2)
    return ok
  },
  'usageEvents.retrieve': async (client, f) => {
    expect((await client.usageEvents.retrieve(f.usageEventId)).usageEvent.id).toBe(f.usageEventId)
    return ok
  },
  'usageMeters.create': async (client, f) => {
    const { usageMeter } = await client.usageMeters.create({
      usageMeter: { name: 'SDK meter', slug: `sdk_${run}_meter`, pricingModelId: f.pricingModelId },
    })
    expect(usageMeter.slug).toBe(`sdk_${run}_meter`)
    return ok
  },
  'usageMeters.retrieve': async (client, f) => {
    expect((await client.usageMeters.retrieve(f.usageMeterId)).usageMeter.id).toBe(f.usageMeterId)
    return ok
  },
  'usageMeters.update': async (client, f) => {
    const { usageMeter } = await client.usageMeters.update(f.usageMeterId, {
      usageMeter: { id: f.usageMeterId, name: 'API calls' },
    })
    expect(usageMeter.name).toBe('API calls')
    return ok
  },
  'usageMeters.list': async (client, f) => {
    const result = await client.usageMeters.list()
    expect(result.data.map((m) => m.id)).toContain(f.usageMeterId)
    return page(result)
  },
} satisfies Record<NodeMethod, Case>

/** A call the emulator refuses on purpose: the status it gives and the reason, checked. */
async function refused(call: Promise<unknown>, status: number, why: string): Promise<Outcome> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, why).toBeInstanceOf(Flowglad.APIError)
  expect((error as InstanceType<typeof Flowglad.APIError>).status, why).toBe(status)
  return { status, why }
}

const names = Object.keys(METHODS) as NodeMethod[]

describe('@flowglad/node 0.29.0 against the emulator', () => {
  it.each(names)('%s answers as the SDK declares', async (name) => {
    const before = rig.fetch.exchanges.length
    const outcome = await METHODS[name](rig.client, fixture)
    const exchanges = rig.fetch.exchanges.slice(before)
    expect(exchanges.length).toBeGreaterThan(0)
    // 2xx answers against the spec the SDK is generated from; errors against Flowglad's error shape.
    expect(wireMismatches(exchanges)).toEqual([])
    if ('ok' in outcome) expect(exchanges.at(-1)?.status).toBeLessThan(300)
  })

  it('covers every resource method the client exposes', () => {
    const client = new Flowglad({ apiKey: 'sk_test_x', baseURL: 'http://127.0.0.1:1' })
    const exposed: string[] = []
    for (const resource of Object.keys(client) as Array<keyof Flowglad>) {
      const value = client[resource] as unknown
      if (!value || typeof value !== 'object' || !('_client' in value)) continue
      const proto = Object.getPrototypeOf(value) as object
      for (const method of Object.getOwnPropertyNames(proto))
        if (method !== 'constructor' && !method.startsWith('_')) exposed.push(`${resource}.${method}`)
    }
    expect(names.slice().sort()).toEqual(exposed.sort())
    const served = names.filter((name) => !REFUSED.has(name))
    console.info(
      `[sdk] @flowglad/node: ${served.length} of ${names.length} resource methods served, ${REFUSED.size} refused on purpose`,
    )
  })
})

/** The methods the emulator answers with a deliberate refusal (see their cases for why). */
const REFUSED = new Set<NodeMethod>([
  'discounts.create',
  'discounts.retrieve',
  'discounts.update',
  'payments.retrieve',
])
