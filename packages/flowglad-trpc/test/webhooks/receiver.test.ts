import { Webhook } from 'svix'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  createFlowgladWebhookHandler,
  createMemoryWebhookStore,
  FLOWGLAD_EVENT_TYPES,
  type FlowgladWebhookEventOf,
  signSvixPayload,
} from '../../src/webhooks'
import { OTHER_SECRET, payloadFor, SECRET, signedRequest } from './deliveries'

/** A receiver that records every handler run, for every event type. */
function recordingReceiver(options: { fail?: () => boolean; maxBodyBytes?: number } = {}) {
  const runs: { type: string; id: string; externalId: string }[] = []
  const on = Object.fromEntries(
    FLOWGLAD_EVENT_TYPES.map((type) => [
      type,
      (event: FlowgladWebhookEventOf<typeof type>) => {
        if (options.fail?.()) throw new Error('handler failed')
        runs.push({ type: event.type, id: event.id, externalId: event.payload.customer.externalId })
      },
    ]),
  )
  const handler = createFlowgladWebhookHandler({
    secret: SECRET,
    on,
    store: createMemoryWebhookStore(),
    onError: () => {},
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  })
  return { handler, runs }
}

describe('createFlowgladWebhookHandler', () => {
  it('runs the handler of each event type with its narrowed, verified event', async () => {
    const { handler, runs } = recordingReceiver()
    for (const type of FLOWGLAD_EVENT_TYPES) {
      const response = await handler(signedRequest(type, { id: `msg_${type}` }))
      expect(response.status).toBe(200)
    }
    expect(runs.map((run) => run.type)).toEqual(FLOWGLAD_EVENT_TYPES)
    expect(runs.every((run) => run.externalId === 'user_1')).toBe(true)
  })

  it('types each handler with its own event', () => {
    createFlowgladWebhookHandler({
      secret: SECRET,
      on: {
        'subscription.canceled': (event) => {
          expectTypeOf(event.type).toEqualTypeOf<'subscription.canceled'>()
          expectTypeOf(event.payload.object).toEqualTypeOf<'subscription'>()
          expectTypeOf(event.payload.pricingModelId).toEqualTypeOf<string>()
        },
        'payment.failed': (event) => {
          expectTypeOf(event.payload.object).toEqualTypeOf<'payment'>()
        },
      },
    })
  })

  it('accepts what its own signer signs, and the svix package verifies that signature', async () => {
    const body = JSON.stringify(payloadFor('payment.succeeded'))
    const timestamp = Math.floor(Date.now() / 1000)
    const signature = await signSvixPayload(SECRET, 'msg_own', timestamp, body)
    const headers = { 'svix-id': 'msg_own', 'svix-timestamp': String(timestamp), 'svix-signature': signature }
    expect(() => new Webhook(SECRET).verify(body, headers)).not.toThrow()
    expect(() => new Webhook(OTHER_SECRET).verify(body, headers)).toThrow()
    const { handler, runs } = recordingReceiver()
    const response = await handler(
      new Request('http://app.test/', {
        method: 'POST',
        body,
        headers: { ...headers, 'flowglad-event-type': 'payment.succeeded' },
      }),
    )
    expect(response.status).toBe(200)
    expect(runs).toHaveLength(1)
  })

  it('accepts a delivery when any one of several signatures matches (secret rotation)', async () => {
    const body = JSON.stringify(payloadFor('customer.created'))
    const timestamp = Math.floor(Date.now() / 1000)
    const good = await signSvixPayload(SECRET, 'msg_rot', timestamp, body)
    const other = await signSvixPayload(OTHER_SECRET, 'msg_rot', timestamp, body)
    const { handler, runs } = recordingReceiver()
    const response = await handler(
      new Request('http://app.test/', {
        method: 'POST',
        body,
        headers: {
          'svix-id': 'msg_rot',
          'svix-timestamp': String(timestamp),
          'svix-signature': `${other} ${good}`,
          'flowglad-event-type': 'customer.created',
        },
      }),
    )
    expect(response.status).toBe(200)
    expect(runs).toHaveLength(1)
  })

  it('runs a retried delivery once and acknowledges the copies', async () => {
    const { handler, runs } = recordingReceiver()
    const first = await handler(signedRequest('purchase.completed', { id: 'msg_same' }))
    const again = await handler(signedRequest('purchase.completed', { id: 'msg_same' }))
    expect([first.status, again.status]).toEqual([200, 200])
    expect(await again.json()).toEqual({ received: true, duplicate: true })
    expect(runs).toHaveLength(1)
  })

  it('runs concurrent copies of one delivery once; the others are told to retry', async () => {
    const { handler, runs } = recordingReceiver()
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () => handler(signedRequest('subscription.created', { id: 'msg_race' }))),
    ).then((responses) => responses.map((response) => response.status))
    expect(runs).toHaveLength(1)
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1)
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true)
  })

  it('answers 500 when the handler throws, and runs it again on the retry', async () => {
    let failures = 1
    const { handler, runs } = recordingReceiver({ fail: () => failures-- > 0 })
    const failed = await handler(signedRequest('payment.failed', { id: 'msg_retry' }))
    expect(failed.status).toBe(500)
    expect(await failed.json()).toEqual({ error: 'handler_failed' })
    const retried = await handler(signedRequest('payment.failed', { id: 'msg_retry' }))
    expect(retried.status).toBe(200)
    expect(runs).toHaveLength(1)
  })
})

describe('refusals: none runs a handler', () => {
  const refused = async (request: Request, status: number, error?: string) => {
    const { handler, runs } = recordingReceiver({ maxBodyBytes: 1024 })
    const response = await handler(request)
    expect(response.status).toBe(status)
    if (error) expect(await response.json()).toEqual({ error })
    expect(runs).toEqual([])
  }

  it('refuses a bad signature', async () => {
    const request = signedRequest('subscription.created')
    const forged = new Request(request.url, {
      method: 'POST',
      headers: request.headers,
      body: JSON.stringify(payloadFor('subscription.created', 'someone_else')),
    })
    await refused(forged, 401, 'bad_signature')
  })

  it('refuses a signature that is not base64 or not v1', async () => {
    await refused(
      signedRequest('customer.created', { headers: { 'svix-signature': 'v1,@@@ v2,abc' } }),
      401,
      'bad_signature',
    )
  })

  it('refuses a delivery signed with another secret', async () => {
    await refused(signedRequest('subscription.created', { secret: OTHER_SECRET }), 401, 'bad_signature')
  })

  it('refuses a stale timestamp (over 5 minutes old)', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60
    await refused(
      signedRequest('subscription.created', { timestampSeconds: sixMinutesAgo }),
      401,
      'stale_timestamp',
    )
  })

  it('refuses a future timestamp (over 5 minutes ahead)', async () => {
    const sixMinutesAhead = Math.floor(Date.now() / 1000) + 6 * 60
    await refused(
      signedRequest('subscription.created', { timestampSeconds: sixMinutesAhead }),
      401,
      'future_timestamp',
    )
  })

  it('refuses a replayed id without running its handler again', async () => {
    const { handler, runs } = recordingReceiver()
    await handler(signedRequest('subscription.canceled', { id: 'msg_replay' }))
    expect(runs).toHaveLength(1)
    const replay = await handler(signedRequest('subscription.canceled', { id: 'msg_replay' }))
    expect(await replay.json()).toEqual({ received: true, duplicate: true })
    expect(runs).toHaveLength(1)
  })

  it('refuses a body over the limit before reading it (declared length)', async () => {
    const body = JSON.stringify({ ...payloadFor('customer.updated'), padding: 'x'.repeat(2000) })
    await refused(signedRequest('customer.updated', { body }), 413, 'body_too_large')
  })

  it('refuses a chunked body once it passes the limit, whatever it claims', async () => {
    const chunks = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('x'.repeat(512)))
      },
    })
    const signed = signedRequest('customer.updated')
    const request = new Request(signed.url, {
      method: 'POST',
      headers: signed.headers,
      body: chunks,
      duplex: 'half',
    } as RequestInit)
    request.headers.delete('content-length')
    await refused(request, 413, 'body_too_large')
  })

  it('refuses a non-POST', async () => {
    await refused(signedRequest('subscription.created', { method: 'GET' }), 405, 'method_not_allowed')
    await refused(signedRequest('subscription.created', { method: 'PUT' }), 405, 'method_not_allowed')
  })

  it('refuses a request without the signing headers', async () => {
    await refused(new Request('http://app.test/', { method: 'POST', body: '{}' }), 400, 'missing_headers')
  })

  it('refuses a signed body that is not a Flowglad event', async () => {
    await refused(signedRequest('customer.created', { body: '{"hello":"world"}' }), 400, 'invalid_payload')
  })

  it('does not let an unsigned type header turn one noun into another', async () => {
    const { handler, runs } = recordingReceiver()
    const request = signedRequest('payment.succeeded', {
      body: JSON.stringify(payloadFor('payment.succeeded')),
      headers: { 'flowglad-event-type': 'subscription.canceled' },
    })
    const response = await handler(request)
    // The payment is verified and acknowledged, but no subscription handler runs.
    expect(response.status).toBe(200)
    expect(runs).toEqual([])
  })

  it('rejects a malformed secret at creation', () => {
    expect(() => createFlowgladWebhookHandler({ secret: [], on: {} })).toThrow(TypeError)
    expect(() => createFlowgladWebhookHandler({ secret: '', on: {} })).toThrow(TypeError)
    expect(() => createFlowgladWebhookHandler({ secret: 'whsec_abc!', on: {} })).toThrow(/whsec_/)
    expect(() => createFlowgladWebhookHandler({ secret: 'whsec_c2hvcnQ=', on: {} })).toThrow(/too short/)
  })
})
