import { FlowgladServer, FlowgladServerAdmin } from '@flowglad/server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type ConformanceRig, createConformanceRig } from '../support/conformanceClient'
import { URLS } from '../support/conformanceFlow'
import { wireMismatches } from '../support/wireMismatches'

/**
 * Every public method of `FlowgladServer` and `FlowgladServerAdmin` from the official
 * `@flowglad/server` 0.18.0 (which pins `@flowglad/node` 0.29.0), against the emulator
 * (issue 14 item 6). The SDK builds its own client on the global `fetch`, so the global is the
 * spec-validating fetch while these run: every answer is checked against Flowglad's spec, and
 * each method's result against what it should hold. The case tables are typed as records over
 * the classes' methods, so a method the SDK adds and this file misses does not compile.
 */

type PublicMethods<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: true
}
/** Every public method name of `FlowgladServer` 0.18.0. */
export type ServerMethod = keyof PublicMethods<FlowgladServer>
/** Every public method name of `FlowgladServerAdmin` 0.18.0. */
export type AdminMethod = keyof PublicMethods<FlowgladServerAdmin>

let rig: ConformanceRig
let server: FlowgladServer
let admin: FlowgladServerAdmin
const run = Math.random().toString(36).slice(2, 8)
const externalId = `server_${run}`
const state: { paidSubscriptionId: string; usageEventId: string; productId: string; meterId: string } = {
  paidSubscriptionId: '',
  usageEventId: '',
  productId: '',
  meterId: '',
}

beforeAll(async () => {
  rig = await createConformanceRig()
  // The SDK's node client takes the global fetch when it is built: build it on the validating one.
  vi.stubGlobal('fetch', rig.fetch)
  const options = { apiKey: rig.emulator.apiKey, baseURL: rig.emulator.url }
  server = new FlowgladServer({
    ...options,
    customerExternalId: externalId,
    getCustomerDetails: async () => ({ name: 'Server SDK', email: `${externalId}@example.com` }),
  })
  admin = new FlowgladServerAdmin({ ...options, maxRetries: 0 })
}, 60_000)

afterAll(async () => {
  vi.unstubAllGlobals()
  await rig?.close()
})

/** Pays for `pro_monthly` the way pressing Pay on the hosted checkout page does. */
const payForPro = async () => {
  const { checkoutSession } = await server.createCheckoutSession({ priceSlug: 'pro_monthly', ...URLS })
  rig.emulator.control.completeCheckoutSession(checkoutSession.id)
  const billing = await server.getBilling()
  state.paidSubscriptionId = billing.currentSubscription?.id ?? ''
  return checkoutSession
}

const SERVER_CASES = {
  getRequestingCustomerId: async () => expect(await server.getRequestingCustomerId()).toBe(externalId),
  getSession: async () => expect(await server.getSession()).toMatchObject({ externalId }),
  findOrCreateCustomer: async () => {
    const customer = await server.findOrCreateCustomer()
    expect(customer).toMatchObject({ externalId, email: `${externalId}@example.com` })
  },
  getCustomer: async () => expect((await server.getCustomer()).customer.externalId).toBe(externalId),
  createCustomer: async () => {
    const other = `${externalId}_other`
    const { data } = await server.createCustomer({
      customer: { externalId: other, email: 'o@example.com', name: 'O' },
    })
    expect(data.customer.externalId).toBe(other)
  },
  updateCustomer: async () => {
    const { customer } = await server.updateCustomer({ customer: { name: 'Renamed' } } as never)
    expect(customer.name).toBe('Renamed')
  },
  createCheckoutSession: async () => {
    const session = await payForPro()
    expect(session.type).toBe('product')
    expect(state.paidSubscriptionId).not.toBe('')
  },
  getBilling: async () => {
    const billing = await server.getBilling()
    expect(billing.currentSubscription?.id).toBe(state.paidSubscriptionId)
    expect(billing.checkFeatureAccess('advanced_analytics')).toBe(true)
    expect(billing.getPrice('pro_monthly')?.slug).toBe('pro_monthly')
    expect(billing.hasPurchased('pro')).toBe(true)
  },
  createAddPaymentMethodCheckoutSession: async () => {
    const { checkoutSession } = await server.createAddPaymentMethodCheckoutSession(URLS)
    expect(checkoutSession.type).toBe('add_payment_method')
  },
  createActivateSubscriptionCheckoutSession: async () => {
    const { checkoutSession } = await server.createActivateSubscriptionCheckoutSession({
      targetSubscriptionId: state.paidSubscriptionId,
      ...URLS,
    })
    expect(checkoutSession.type).toBe('activate_subscription')
  },
  adjustSubscription: async () => {
    const result = await server.adjustSubscription({
      priceSlug: 'pro_monthly',
      quantity: 2,
      timing: 'immediately',
    })
    expect(result.subscriptionItems.map((item) => item.quantity)).toEqual([2])
  },
  cancelSubscription: async () => {
    const { subscription } = await server.cancelSubscription({
      id: state.paidSubscriptionId,
      cancellation: { timing: 'at_end_of_current_billing_period' },
    })
    expect(subscription.status).toBe('cancellation_scheduled')
  },
  uncancelSubscription: async () => {
    const { subscription } = await server.uncancelSubscription({ id: state.paidSubscriptionId })
    expect(subscription.status).toBe('active')
  },
  createSubscription: async () => {
    // A customer with an active paid plan is refused a second one (409): use a fresh customer.
    const fresh = new FlowgladServer({
      apiKey: rig.emulator.apiKey,
      baseURL: rig.emulator.url,
      customerExternalId: `${externalId}_sub`,
      getCustomerDetails: async () => ({ name: 'Sub', email: 'sub@example.com' }),
    })
    const { subscription } = await fresh.createSubscription({ priceSlug: 'pro_monthly' })
    expect(subscription.status).toBe('incomplete')
  },
  createUsageEvent: async () => {
    const { usageEvent } = await server.createUsageEvent({
      subscriptionId: state.paidSubscriptionId,
      usageMeterSlug: 'api_calls',
      amount: 3,
      transactionId: `${run}_single`,
    })
    expect(usageEvent.amount).toBe(3)
    state.usageEventId = usageEvent.id
  },
  bulkCreateUsageEvents: async () => {
    const { usageEvents } = await server.bulkCreateUsageEvents({
      usageEvents: [1, 2].map((n) => ({
        subscriptionId: state.paidSubscriptionId,
        usageMeterSlug: 'api_calls',
        amount: n,
        transactionId: `${run}_bulk_${n}`,
      })),
    })
    expect(usageEvents.map((e) => e.amount)).toEqual([1, 2])
  },
  getPricingModel: async () => {
    const { pricingModel } = await server.getPricingModel()
    expect(pricingModel.products.map((p) => p.slug)).toContain('pro')
  },
  getUsageMeterBalances: async () => {
    const { usageMeterBalances } = await server.getUsageMeterBalances()
    expect(usageMeterBalances.map((b) => b.slug)).toContain('api_calls')
  },
  claimResource: async () => {
    const { claims } = await server.claimResource({ resourceSlug: 'seats', quantity: 1 })
    expect(claims).toHaveLength(1)
  },
  getResourceUsages: async () => {
    const { resources } = await server.getResourceUsages()
    expect(resources.find((r) => r.resourceSlug === 'seats')?.claimed).toBe(1)
  },
  getResourceUsage: async () => {
    const { usage, claims } = await server.getResourceUsage({ resourceSlug: 'seats' })
    expect(usage.claimed).toBe(1)
    expect(claims).toHaveLength(1)
  },
  listResourceClaims: async () => {
    const { claims } = await server.listResourceClaims({ resourceSlug: 'seats' })
    expect(claims).toHaveLength(1)
  },
  releaseResource: async () => {
    const { releasedClaims } = await server.releaseResource({ resourceSlug: 'seats', quantity: 1 })
    expect(releasedClaims).toHaveLength(1)
  },
  archiveCustomer: async () => {
    const customer = await server.archiveCustomer(`${externalId}_other`)
    expect(customer.archived).toBe(true)
  },
} satisfies Record<ServerMethod, () => Promise<void>>

const ADMIN_CASES = {
  createCustomer: async () => {
    const { data } = await admin.createCustomer({
      customer: { externalId: `${externalId}_admin`, email: 'a@example.com', name: 'A' },
    })
    expect(data.customer.externalId).toBe(`${externalId}_admin`)
  },
  getCustomer: async () => expect((await admin.getCustomer(externalId)).customer.externalId).toBe(externalId),
  getCustomerBilling: async () =>
    expect((await admin.getCustomerBilling(externalId)).customer.externalId).toBe(externalId),
  updateCustomer: async () => {
    const { customer } = await admin.updateCustomer(externalId, { customer: { name: 'Admin renamed' } })
    expect(customer.name).toBe('Admin renamed')
  },
  getDefaultPricingModel: async () => {
    const { pricingModel } = await admin.getDefaultPricingModel()
    expect(pricingModel.isDefault).toBe(true)
  },
  getPricingModel: async () => {
    const { pricingModel } = await admin.getDefaultPricingModel()
    expect((await admin.getPricingModel(pricingModel.id)).pricingModel.id).toBe(pricingModel.id)
  },
  createProduct: async () => {
    const { pricingModel } = await admin.getDefaultPricingModel()
    const { product } = await admin.createProduct({
      product: { name: 'Admin', active: true, pricingModelId: pricingModel.id, slug: `admin_${run}` },
      price: { type: 'single_payment', isDefault: true, unitPrice: 900 },
    })
    expect(product.slug).toBe(`admin_${run}`)
    state.productId = product.id
  },
  updateProduct: async () => {
    const { product } = await admin.updateProduct(state.productId, {
      product: { id: state.productId, name: 'Admin renamed', active: false },
    })
    expect(product).toMatchObject({ name: 'Admin renamed', active: false })
  },
  clonePricingModel: async () => {
    const { pricingModel } = await admin.getDefaultPricingModel()
    const { pricingModel: clone } = await admin.clonePricingModel(pricingModel.id, { name: 'Admin clone' })
    expect(clone).toMatchObject({ name: 'Admin clone', isDefault: false })
  },
  createUsageMeter: async () => {
    const { pricingModel } = await admin.getDefaultPricingModel()
    const { usageMeter } = await admin.createUsageMeter({
      usageMeter: { name: 'Admin meter', slug: `admin_meter_${run}`, pricingModelId: pricingModel.id },
    })
    state.meterId = usageMeter.id
    expect(usageMeter.slug).toBe(`admin_meter_${run}`)
  },
  getUsageMeter: async () =>
    expect((await admin.getUsageMeter(state.meterId)).usageMeter.id).toBe(state.meterId),
  updateUsageMeter: async () => {
    const { usageMeter } = await admin.updateUsageMeter(state.meterId, {
      usageMeter: { id: state.meterId, name: 'Admin meter 2' },
    })
    expect(usageMeter.name).toBe('Admin meter 2')
  },
  createUsageEvent: async () => {
    const { usageEvent } = await admin.createUsageEvent({
      usageEvent: {
        subscriptionId: state.paidSubscriptionId,
        usageMeterSlug: 'api_calls',
        amount: 4,
        transactionId: `${run}_admin`,
      },
    })
    expect(usageEvent.amount).toBe(4)
  },
  bulkCreateUsageEvents: async () => {
    const { usageEvents } = await admin.bulkCreateUsageEvents({
      usageEvents: [
        {
          subscriptionId: state.paidSubscriptionId,
          usageMeterSlug: 'api_calls',
          amount: 5,
          transactionId: `${run}_ab`,
        },
      ],
    })
    expect(usageEvents.map((e) => e.amount)).toEqual([5])
  },
  getUsageEvent: async () =>
    expect((await admin.getUsageEvent(state.usageEventId)).usageEvent.id).toBe(state.usageEventId),
} satisfies Record<AdminMethod, () => Promise<void>>

const check = async (call: () => Promise<unknown>) => {
  const before = rig.fetch.exchanges.length
  await call()
  const exchanges = rig.fetch.exchanges.slice(before)
  expect(wireMismatches(exchanges)).toEqual([])
  return exchanges
}

describe('FlowgladServer 0.18.0 against the emulator', () => {
  it.each(Object.keys(SERVER_CASES) as ServerMethod[])('%s', async (name) => {
    await check(SERVER_CASES[name])
  })
})

describe('FlowgladServerAdmin 0.18.0 against the emulator', () => {
  it.each(Object.keys(ADMIN_CASES) as AdminMethod[])('%s', async (name) => {
    const exchanges = await check(ADMIN_CASES[name])
    // An admin method is one thin API call (two for those that look up the default model first).
    expect(exchanges.length).toBeGreaterThan(0)
  })

  it('covers every method both classes expose', () => {
    const methodsOf = (proto: object) => Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor')
    const instanceFns = (o: object) =>
      Object.keys(o).filter((k) => typeof (o as Record<string, unknown>)[k] === 'function')
    // `deriveSubscriptionId` is declared private in the SDK's types.
    const serverMethods = new Set([...instanceFns(server), ...methodsOf(FlowgladServer.prototype)])
    serverMethods.delete('deriveSubscriptionId')
    expect(Object.keys(SERVER_CASES).sort()).toEqual([...serverMethods].sort())
    expect(Object.keys(ADMIN_CASES).sort()).toEqual(methodsOf(FlowgladServerAdmin.prototype).sort())
    console.info(
      `[sdk] FlowgladServer: ${Object.keys(SERVER_CASES).length} methods, FlowgladServerAdmin: ${Object.keys(ADMIN_CASES).length} methods`,
    )
  })
})
