import Flowglad from '@flowglad/node'
import { expect } from 'vitest'
import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/index'
import { describeMismatches } from './conformanceClient'
import { type ValidatingFetch, validatingFetch } from './openapi'

/** An emulator with a real `@flowglad/node` client; every 2xx is spec-checked, every error wire-checked. */
export interface EmulatorRig {
  emulator: Emulator
  client: Flowglad
  fetch: ValidatingFetch
  /** Statuses not to check: a test's injected faults (503) with bodies of its own. */
  uncheckedStatuses: Set<number>
  /** Closes the emulator and fails the test if a 2xx broke the spec or an error is not Flowglad-shaped. */
  close(): Promise<void>
}

/** In-process unless `listen` is set (then the client goes over real HTTP). */
export async function createRig(
  options: EmulatorOptions & { maxRetries?: number } = {},
): Promise<EmulatorRig> {
  const { maxRetries = 0, ...emulatorOptions } = options
  const emulator = await createEmulator({ listen: false, ...emulatorOptions })
  const fetch = validatingFetch(emulatorOptions.listen ? globalThis.fetch : emulator.fetch)
  const client = new Flowglad({ apiKey: emulator.apiKey, baseURL: emulator.url, fetch, maxRetries })
  const uncheckedStatuses = new Set<number>()
  return {
    emulator,
    client,
    fetch,
    uncheckedStatuses,
    close: async () => {
      await emulator.close()
      const checked = fetch.exchanges.filter((x) => !uncheckedStatuses.has(x.status))
      expect(describeMismatches(checked)).toEqual([])
    },
  }
}

/** Test URLs for checkout sessions. */
export const URLS = { successUrl: 'https://app.example/success', cancelUrl: 'https://app.example/cancel' }

/** Creates a customer (who lands on the default plan). */
export async function signUp(client: Flowglad, externalId = 'user_1') {
  const { data } = await client.customers.create({
    customer: { externalId, email: `${externalId}@example.com`, name: `User ${externalId}` },
  })
  return data
}

/** The customer's current subscription from its billing payload. */
export async function current(client: Flowglad, externalId = 'user_1') {
  const billing = await client.customers.retrieveBilling(externalId)
  if (!billing.currentSubscription) throw new Error(`${externalId} has no current subscription`)
  return billing.currentSubscription
}

/** Available balance of one meter on the customer's current subscription. */
export async function balance(client: Flowglad, meterSlug = 'api_calls', externalId = 'user_1') {
  const subscription = await current(client, externalId)
  return subscription.experimental?.usageMeterBalances.find((b) => b.slug === meterSlug)?.availableBalance
}

/** Records `amount` api_calls of usage on a subscription (the meter every test model has). */
export function spend(client: Flowglad, subscriptionId: string, amount: number, transactionId: string) {
  return client.post('/api/v1/usage-events', {
    body: { usageEvent: { subscriptionId, usageMeterSlug: 'api_calls', amount, transactionId } },
  })
}

/** Opens a product checkout and completes it as the Pay button would. */
export async function buy(rig: EmulatorRig, priceSlug: string, externalId = 'user_1', quantity?: number) {
  const { checkoutSession } = await rig.client.checkoutSessions.create({
    checkoutSession: {
      type: 'product',
      customerExternalId: externalId,
      priceSlug,
      ...(quantity ? { quantity } : {}),
      ...URLS,
    },
  })
  rig.emulator.control.completeCheckoutSession(checkoutSession.id)
  return checkoutSession
}

/** One day in ms. */
export const DAY = 86_400_000
