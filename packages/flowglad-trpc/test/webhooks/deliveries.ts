import { Webhook } from 'svix'
import type { FlowgladEventType } from '../../src/webhooks'
import { EVENT_TYPE_HEADER, FLOWGLAD_EVENT_OBJECTS } from '../../src/webhooks'

/** A fixed test secret (24 random bytes, base64). */
export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
/** Another valid secret: what a wrong endpoint's sender signs with. */
export const OTHER_SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'

let sequence = 0

/** A Flowglad-shaped body for `type` about customer `externalId`. */
export function payloadFor(type: FlowgladEventType, externalId = 'user_1') {
  const object = FLOWGLAD_EVENT_OBJECTS[type]
  return {
    id: `${object.slice(0, 3)}_${++sequence}`,
    object,
    customer: { id: `cus_${externalId}`, externalId },
    pricingModelId: 'pricing_model_1',
  }
}

/**
 * A delivery signed by the `svix` package (the independent implementation), as Svix sends it.
 * `overrides` change what is sent after signing (to forge).
 */
export function signedRequest(
  type: FlowgladEventType,
  options: {
    secret?: string
    id?: string
    timestampSeconds?: number
    body?: string
    method?: string
    headers?: Record<string, string>
  } = {},
): Request {
  const body = options.body ?? JSON.stringify(payloadFor(type))
  const id = options.id ?? `msg_${++sequence}`
  const timestamp = new Date((options.timestampSeconds ?? Math.floor(Date.now() / 1000)) * 1000)
  const signature = new Webhook(options.secret ?? SECRET).sign(id, timestamp, body)
  return new Request('http://app.test/api/flowglad/webhooks', {
    method: options.method ?? 'POST',
    body: options.method === 'GET' ? undefined : body,
    headers: {
      'content-type': 'application/json',
      'svix-id': id,
      'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'svix-signature': signature,
      [EVENT_TYPE_HEADER]: type,
      ...options.headers,
    },
  })
}
