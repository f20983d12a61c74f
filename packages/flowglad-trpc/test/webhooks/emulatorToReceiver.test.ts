import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import Flowglad from '@flowglad/node'
import { Webhook } from 'svix'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createFlowgladWebhookHandler,
  type FlowgladEventType,
  type FlowgladWebhookEvent,
} from '../../src/webhooks'
import { type RawRequest, serveFetch } from '../support/serveFetch'

// Issue #18 "done when": real HTTP from the emulator's CLI (the built `flowglad-emulator` bin) to a
// plain fetch-adapter server running the library's receiver, for every event type the emulator
// emits; each signature is checked by the receiver and, independently, by the `svix` package.

const bin = join(
  dirname(createRequire(import.meta.url).resolve('flowglad-emulator/package.json')),
  'bin/flowglad-emulator.js',
)

let cli: ChildProcess
let server: Awaited<ReturnType<typeof serveFetch>>
let client: Flowglad
let emulatorUrl = ''
/** The emulator CLI's default key (it serves `/api/v1` and the control API). */
const emulatorKey = 'sk_test_flowglad_emulator'
let secret = ''
const handled: FlowgladWebhookEvent[] = []
const svixVerified: string[] = []

/** Every type handled (the handler records the narrowed event). */
const record = (event: FlowgladWebhookEvent) => {
  handled.push(event)
}

beforeAll(async () => {
  let receive: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 })
  server = await serveFetch(
    (request) => receive(request),
    (raw: RawRequest) => {
      // Independent check: throws (and the test fails on the missing id) when the signature is wrong.
      try {
        new Webhook(secret).verify(raw.body, raw.headers)
        svixVerified.push(raw.headers['svix-id'] as string)
      } catch {}
    },
  )
  // No --webhook-secret: the CLI generates one and prints it.
  cli = spawn(
    process.execPath,
    [bin, '--port', '0', '--webhook-url', `${server.url}/api/flowglad/webhooks`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${output}`)), 30_000)
    cli.stdout?.on('data', (chunk: Buffer) => {
      output += chunk
      const url = /FLOWGLAD_BASE_URL=(\S+)/.exec(output)?.[1]
      const printed = /FLOWGLAD_WEBHOOK_SECRET=(\S+)/.exec(output)?.[1]
      if (url && printed) {
        clearTimeout(timer)
        emulatorUrl = url
        secret = printed
        resolve()
      }
    })
    cli.once('exit', (code) => reject(new Error(`CLI exited ${code}:\n${output}`)))
  })
  receive = createFlowgladWebhookHandler({
    secret,
    on: {
      'customer.created': record,
      'customer.updated': record,
      'subscription.created': record,
      'subscription.updated': record,
      'subscription.canceled': record,
      'payment.succeeded': record,
      'payment.failed': record,
      'purchase.completed': record,
    },
  })
  client = new Flowglad({ apiKey: emulatorKey, baseURL: emulatorUrl, maxRetries: 0 })
}, 60_000)

afterAll(async () => {
  cli?.kill('SIGTERM')
  await server?.close()
})

/** Waits until the handler saw `count` events (or fails after 20 s). */
async function handledCount(count: number): Promise<void> {
  const deadline = Date.now() + 20_000
  while (handled.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${handled.length} of ${count} events arrived`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('emulator CLI → fetch-adapter server', { timeout: 60_000 }, () => {
  it('delivers every event type it emits, verified by the library and by svix', async () => {
    await client.customers.create({ customer: { externalId: 'e2e_user', email: 'e@example.com', name: 'E' } })
    await handledCount(2)
    const pay = async (priceSlug: string) => {
      const { checkoutSession } = await client.checkoutSessions.create({
        checkoutSession: {
          type: 'product',
          customerExternalId: 'e2e_user',
          priceSlug,
          successUrl: 'https://app.test/ok',
          cancelUrl: 'https://app.test/no',
        },
      })
      // The control API needs the emulator's key and a JSON body.
      const paid = await fetch(`${emulatorUrl}/_emulator/checkout-sessions/${checkoutSession.id}/complete`, {
        method: 'POST',
        body: '{}',
        headers: { authorization: emulatorKey, 'content-type': 'application/json' },
      })
      expect(paid.status).toBe(200)
    }
    await pay('pro_monthly')
    await handledCount(5)
    const subscriptions = (await client.customers.retrieveBilling('e2e_user')).currentSubscriptions ?? []
    const pro = subscriptions.find((subscription) => !subscription.isFreePlan)
    await client.subscriptions.cancel(pro?.id as string, { cancellation: { timing: 'immediately' } })
    await handledCount(7)

    const emitted: FlowgladEventType[] = [
      'customer.created',
      'subscription.created',
      'payment.succeeded',
      'purchase.completed',
      'subscription.canceled',
    ]
    expect(new Set(handled.map((event) => event.type))).toEqual(new Set(emitted))
    for (const event of handled) expect(event.payload.customer.externalId).toBe('e2e_user')
    expect(handled.find((event) => event.type === 'subscription.canceled')?.payload.id).toBe(pro?.id)
    // Every delivery the handler ran was also verified by the independent implementation.
    expect(handled.map((event) => event.id).every((id) => svixVerified.includes(id))).toBe(true)

    const log = (await (
      await fetch(`${emulatorUrl}/_emulator/webhooks`, { headers: { authorization: emulatorKey } })
    ).json()) as {
      deliveries: { status: string; attempts: { status: number }[] }[]
    }
    expect(log.deliveries).toHaveLength(7)
    expect(log.deliveries.every((delivery) => delivery.status === 'succeeded')).toBe(true)
  })
})
