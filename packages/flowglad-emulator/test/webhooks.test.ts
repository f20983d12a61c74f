import Flowglad from '@flowglad/node'
import { Webhook } from 'svix'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src'
import { type ReceivedWebhook, startWebhookReceiver } from './support/webhookReceiver'

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const URLS = { successUrl: 'https://app.test/ok', cancelUrl: 'https://app.test/no' }

let cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.reverse()) await step()
  cleanup = []
})

async function rig(answer?: Parameters<typeof startWebhookReceiver>[0], retryDelaysMs = [20, 40, 80]) {
  const receiver = await startWebhookReceiver(answer)
  const emulator: Emulator = await createEmulator({
    webhooks: { endpoints: [receiver.url], secret: SECRET, retryDelaysMs },
  })
  cleanup.push(receiver.close, emulator.close)
  const client = new Flowglad({ apiKey: emulator.apiKey, baseURL: emulator.url, maxRetries: 0 })
  return { receiver, emulator, client }
}

/** Verifies with the `svix` package (throws on a bad signature) and returns type + body. */
function verified(request: ReceivedWebhook, secret = SECRET) {
  const headers = {
    'svix-id': String(request.headers['svix-id']),
    'svix-timestamp': String(request.headers['svix-timestamp']),
    'svix-signature': String(request.headers['svix-signature']),
  }
  new Webhook(secret).verify(request.body, headers)
  return {
    type: String(request.headers['flowglad-event-type']),
    id: headers['svix-id'],
    body: JSON.parse(request.body),
  }
}

describe('webhook delivery', { timeout: 60_000 }, () => {
  it('delivers each event Flowglad creates, at its moment, signed as Svix signs, in Flowglad’s shape', async () => {
    const { receiver, emulator, client } = await rig()
    const { customer } = (
      await client.customers.create({ customer: { externalId: 'user_1', email: 'a@example.com', name: 'A' } })
    ).data
    await emulator.webhooks.idle()
    const afterSignUp = receiver.received.map((request) => verified(request))
    expect(afterSignUp.map((event) => event.type)).toEqual(['customer.created', 'subscription.created'])
    expect(afterSignUp[0]?.body).toEqual({
      id: customer.id,
      object: 'customer',
      customer: { id: customer.id, externalId: 'user_1' },
      pricingModelId: customer.pricingModelId,
    })
    // Key order as Flowglad's body.
    expect(Object.keys(afterSignUp[0]?.body)).toEqual(['id', 'object', 'customer', 'pricingModelId'])

    const { checkoutSession } = await client.checkoutSessions.create({
      checkoutSession: { type: 'product', customerExternalId: 'user_1', priceSlug: 'pro_monthly', ...URLS },
    })
    emulator.control.completeCheckoutSession(checkoutSession.id)
    await emulator.webhooks.idle()
    const afterCheckout = receiver.received.slice(2).map((request) => verified(request))
    expect(afterCheckout.map((event) => event.type)).toEqual([
      'payment.succeeded',
      'purchase.completed',
      'subscription.created',
    ])
    const { subscriptions } = (await client.customers.retrieveBilling('user_1')) as unknown as {
      subscriptions: { id: string; status: string; isFreePlan: boolean }[]
    }
    const pro = subscriptions.find((s) => !s.isFreePlan && s.status === 'active')
    expect(afterCheckout[2]?.body).toMatchObject({ id: pro?.id, object: 'subscription' })
    expect(afterCheckout[0]?.body.id).toMatch(/^pym_/)
    expect(afterCheckout[1]?.body).toMatchObject({ object: 'purchase', customer: { externalId: 'user_1' } })

    await client.subscriptions.cancel(pro?.id as string, { cancellation: { timing: 'immediately' } })
    await emulator.webhooks.idle()
    const afterCancel = receiver.received.slice(5).map((request) => verified(request))
    // The paid plan ends; the customer falls back to a new free plan.
    expect(afterCancel.map((event) => event.type)).toEqual(['subscription.canceled', 'subscription.created'])
    expect(afterCancel[0]?.body.id).toBe(pro?.id)
    // One message id per event.
    expect(new Set(receiver.received.map((request) => request.headers['svix-id'])).size).toBe(7)
  })

  it('retries a non-2xx answer with backoff, with the same svix-id, re-signed each time', async () => {
    const tries = new Map<string, number>()
    const { receiver, emulator, client } = await rig((request) => {
      const id = String(request.headers['svix-id'])
      tries.set(id, (tries.get(id) ?? 0) + 1)
      return (tries.get(id) ?? 0) <= 2 ? 500 : 200
    })
    await client.customers.create({ customer: { externalId: 'user_r', email: 'r@example.com', name: 'R' } })
    await emulator.webhooks.idle()
    const first = emulator.webhooks.deliveries().find((d) => d.eventType === 'customer.created')
    expect(first?.status).toBe('succeeded')
    expect(first?.attempts.map((a) => a.status)).toEqual([500, 500, 200])
    const gaps = [1, 2].map(
      (i) =>
        (first?.attempts[i]?.at ?? 0) -
        ((first?.attempts[i - 1]?.at ?? 0) + (first?.attempts[i - 1]?.durationMs ?? 0)),
    )
    expect(gaps[0]).toBeGreaterThanOrEqual(15)
    expect(gaps[1]).toBeGreaterThanOrEqual(35)
    const copies = receiver.received.filter((request) => request.headers['svix-id'] === first?.messageId)
    expect(copies).toHaveLength(3)
    for (const copy of copies) expect(() => verified(copy)).not.toThrow()
  })

  it('gives up after the schedule and marks the delivery failed; an unreachable endpoint too', async () => {
    const { emulator, client } = await rig(() => 503, [10, 10])
    emulator.webhooks.addEndpoint({ url: 'http://127.0.0.1:9/nothing-listens' })
    await client.customers.create({ customer: { externalId: 'user_f', email: 'f@example.com', name: 'F' } })
    await emulator.webhooks.idle()
    const deliveries = emulator.webhooks.deliveries()
    expect(deliveries.length).toBe(4)
    for (const delivery of deliveries) {
      expect(delivery.status).toBe('failed')
      expect(delivery.attempts).toHaveLength(3)
    }
    expect(deliveries.some((d) => d.attempts[0]?.status === null && d.attempts[0]?.error)).toBe(true)
  })

  it('lists deliveries (never secrets), adds endpoints and redelivers through the control API', async () => {
    const { receiver, emulator, client } = await rig()
    await client.customers.create({ customer: { externalId: 'user_c', email: 'c@example.com', name: 'C' } })
    await emulator.webhooks.idle()
    // The control API needs the emulator's key and a JSON body (see the README's safety section).
    const control = (path: string, init: { method?: string; body?: string } = {}) =>
      fetch(`${emulator.url}/_emulator/webhooks${path}`, {
        ...init,
        ...(init.method === 'POST' ? { body: init.body ?? '{}' } : {}),
        headers: { authorization: emulator.apiKey, 'content-type': 'application/json' },
      })
    const listed = await (await control('')).json()
    expect(JSON.stringify(listed)).not.toContain(SECRET.slice(6))
    expect(listed.endpoints).toEqual([{ id: expect.any(String), url: receiver.url }])
    const delivery = listed.deliveries.find((d: { eventType: string }) => d.eventType === 'customer.created')

    const redelivered = await control(`/deliveries/${delivery.id}/redeliver`, { method: 'POST' })
    expect(redelivered.status).toBe(200)
    await emulator.webhooks.idle()
    const copies = receiver.received.filter((request) => request.headers['svix-id'] === delivery.messageId)
    expect(copies).toHaveLength(2)
    expect(copies[1]?.body).toBe(copies[0]?.body)

    const second = await startWebhookReceiver()
    cleanup.push(second.close)
    const added = await control('/endpoints', {
      method: 'POST',
      body: JSON.stringify({ url: second.url, secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD' }),
    })
    expect(added.status).toBe(200)
    await client.customers.create({ customer: { externalId: 'user_d', email: 'd@example.com', name: 'D' } })
    await emulator.webhooks.idle()
    expect(second.received).toHaveLength(2)
    const [one] = second.received
    expect(() => verified(one as ReceivedWebhook, 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD')).not.toThrow()
    expect(() => verified(one as ReceivedWebhook, SECRET)).toThrow()

    const bad = await control('/endpoints', {
      method: 'POST',
      body: JSON.stringify({ url: 'ftp://nope' }),
    })
    expect(bad.status).toBe(400)
    const unknown = await control('/deliveries/whdel_nope/redeliver', { method: 'POST' })
    expect(unknown.status).toBe(404)
  })

  it('shows the delivery log on a hosted page whose Redeliver button sends again', async () => {
    const { receiver, emulator, client } = await rig()
    await client.customers.create({ customer: { externalId: 'user_p', email: 'p@example.com', name: 'P' } })
    await emulator.webhooks.idle()
    const html = await (await fetch(`${emulator.url}/webhooks`)).text()
    expect(html).toContain('customer.created')
    expect(html).toContain(receiver.url)
    const id = /action="\/webhooks\/deliveries\/([^/]+)\/redeliver"/.exec(html)?.[1]
    expect(id).toBeTruthy()
    const before = receiver.received.length
    const pressed = await fetch(`${emulator.url}/webhooks/deliveries/${id}/redeliver`, {
      method: 'POST',
      redirect: 'manual',
    })
    expect(pressed.status).toBe(303)
    await emulator.webhooks.idle()
    expect(receiver.received.length).toBe(before + 1)
  })

  it('generates a secret when given none, and refuses a malformed one', async () => {
    const emulator = await createEmulator({ listen: false })
    cleanup.push(emulator.close)
    expect(emulator.webhooks.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/)
    await expect(
      createEmulator({ listen: false, webhooks: { secret: 'whsec_not base64!' } }),
    ).rejects.toThrow(/whsec_/)
  })
})
