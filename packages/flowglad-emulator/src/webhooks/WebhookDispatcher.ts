// Delivers the emulator's events as Svix does: the payload as the body; `svix-id` (the message id,
// the same on every attempt), `svix-timestamp` and `svix-signature` signed afresh per attempt; a
// non-2xx answer (or no answer within 15 s) retried with backoff; every attempt logged, and any
// delivery sent again on request (Svix's "resend"). Endpoints are added by the CLI, the in-process
// API or the control API. Runtime-free (fetch, Web Crypto, timers).
import type { EmulatorEvent, FlowgladEventType } from '../state/events/emitEvent'
import { newId } from '../state/newId'
import { generateWebhookSecret, secretBytes, signWebhook } from './signWebhook'

/** Where events go. */
export interface WebhookEndpoint {
  readonly id: string
  readonly url: string
  readonly secret: string
}

/** One try to deliver. */
export interface WebhookAttempt {
  /** Real time it was sent (epoch ms). */
  readonly at: number
  /** The endpoint's status, or null when it did not answer (network error, timeout). */
  readonly status: number | null
  readonly durationMs: number
  readonly error?: string
}

/** One event on its way to one endpoint, with its attempts. */
export interface WebhookDelivery {
  readonly id: string
  /** The message id (`svix-id`). */
  readonly messageId: string
  readonly eventType: FlowgladEventType
  readonly endpointId: string
  readonly url: string
  /** The exact body sent. */
  readonly body: string
  status: 'pending' | 'succeeded' | 'failed'
  readonly attempts: WebhookAttempt[]
  /** When the next retry is due (epoch ms), if one is scheduled. */
  nextAttemptAt: number | null
  /** When the event was created (real time, epoch ms). */
  readonly createdAt: number
}

/** Options of the webhook dispatcher (the `webhooks` option of `createEmulator`). */
export interface WebhookOptions {
  /** Endpoint URLs (each signed with `secret` unless it brings its own). */
  readonly endpoints?: readonly (string | { readonly url: string; readonly secret?: string })[]
  /** The signing secret (`whsec_…`); default: one generated at start (`webhooks.secret` tells it). */
  readonly secret?: string
  /**
   * Waits between attempts after a failure (default 1 s, 5 s, 30 s, 2 min, 10 min: Svix's schedule
   * of 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, compressed for local use). Its length is the retries.
   */
  readonly retryDelaysMs?: readonly number[]
  /** Time an endpoint has to answer (default 15 000 ms, as Svix). */
  readonly timeoutMs?: number
  /** The fetch used to deliver (default the global one). */
  readonly fetch?: typeof globalThis.fetch
}

/** What the control API, hosted page and in-process API can do with webhooks. */
export interface WebhookControl {
  /** The default signing secret (endpoints added without one use it). */
  readonly secret: string
  endpoints(): WebhookEndpoint[]
  /** Adds an endpoint; every later event is delivered to it. */
  addEndpoint(endpoint: { url: string; secret?: string | undefined }): WebhookEndpoint
  removeEndpoint(id: string): boolean
  /** Deliveries, newest first (the last 1 000). */
  deliveries(): WebhookDelivery[]
  /** Sends a delivery's message again, now, as a new delivery with the same `svix-id`. */
  redeliver(deliveryId: string): WebhookDelivery
  /** Resolves once nothing is being sent or waiting for a retry. */
  idle(): Promise<void>
  /** Stops retries (pending deliveries stay pending). */
  close(): void
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000, 600_000]
const LOG_LIMIT = 1_000

function checkedUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new TypeError(`Webhook URL is not a URL: ${url}`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new TypeError(`Webhook URL must be http(s): ${url}`)
  return parsed.toString()
}

function checkedSecret(secret: string): string {
  if (secretBytes(secret).length < 16) throw new TypeError('A webhook secret needs at least 16 bytes of key')
  return secret
}

/** Builds the dispatcher; feed it events with `dispatch`. */
export function createWebhookDispatcher(options: WebhookOptions = {}): WebhookControl & {
  dispatch(event: EmulatorEvent): void
} {
  const secret = checkedSecret(options.secret ?? generateWebhookSecret())
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
  const timeoutMs = options.timeoutMs ?? 15_000
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const endpoints = new Map<string, WebhookEndpoint>()
  const log: WebhookDelivery[] = []
  const timers = new Set<ReturnType<typeof setTimeout>>()
  /** First attempts per endpoint go in event order; retries run on their own. */
  const queues = new Map<string, Promise<void>>()
  let busy = 0
  let idleWaiters: (() => void)[] = []
  let closed = false

  const settle = () => {
    if (busy > 0 || timers.size > 0) return
    const waiters = idleWaiters
    idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  const attempt = async (delivery: WebhookDelivery, endpoint: WebhookEndpoint): Promise<void> => {
    const timestamp = Math.floor(Date.now() / 1000)
    const at = Date.now()
    let status: number | null = null
    let error: string | undefined
    try {
      const signature = await signWebhook(endpoint.secret, delivery.messageId, timestamp, delivery.body)
      const response = await send(endpoint.url, {
        method: 'POST',
        body: delivery.body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Svix-Webhooks/1.0 (flowglad-emulator)',
          'svix-id': delivery.messageId,
          'svix-timestamp': String(timestamp),
          'svix-signature': signature,
          // Svix delivers the body alone; the emulator also names the type (see README, Webhooks).
          'flowglad-event-type': delivery.eventType,
        },
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      })
      status = response.status
      await response.body?.cancel().catch(() => {})
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause)
    }
    delivery.attempts.push({ at, status, durationMs: Date.now() - at, ...(error ? { error } : {}) })
    if (status !== null && status >= 200 && status < 300) {
      delivery.status = 'succeeded'
      delivery.nextAttemptAt = null
      return
    }
    const delay = retryDelays[delivery.attempts.length - 1]
    if (delay === undefined || closed) {
      delivery.status = 'failed'
      delivery.nextAttemptAt = null
      return
    }
    delivery.nextAttemptAt = Date.now() + delay
    const timer = setTimeout(() => {
      timers.delete(timer)
      run(delivery, endpoint)
    }, delay)
    timers.add(timer)
  }

  const run = (delivery: WebhookDelivery, endpoint: WebhookEndpoint): Promise<void> => {
    busy++
    return attempt(delivery, endpoint).finally(() => {
      busy--
      settle()
    })
  }

  const start = (delivery: WebhookDelivery, endpoint: WebhookEndpoint) => {
    log.unshift(delivery)
    if (log.length > LOG_LIMIT) log.pop()
    busy++
    const previous = queues.get(endpoint.id) ?? Promise.resolve()
    const next = previous
      .then(() => run(delivery, endpoint))
      .finally(() => {
        busy--
        settle()
      })
    queues.set(endpoint.id, next)
  }

  const newDelivery = (
    event: { messageId: string; eventType: FlowgladEventType; body: string; createdAt: number },
    endpoint: WebhookEndpoint,
  ): WebhookDelivery => ({
    id: newId('whdel'),
    ...event,
    endpointId: endpoint.id,
    url: endpoint.url,
    status: 'pending',
    attempts: [],
    nextAttemptAt: null,
  })

  const control = {
    secret,
    endpoints: () => [...endpoints.values()],
    addEndpoint: ({ url, secret: own }: { url: string; secret?: string | undefined }) => {
      const endpoint = { id: newId('ep'), url: checkedUrl(url), secret: own ? checkedSecret(own) : secret }
      endpoints.set(endpoint.id, endpoint)
      return endpoint
    },
    removeEndpoint: (id: string) => endpoints.delete(id),
    deliveries: () => [...log],
    redeliver: (deliveryId: string) => {
      const original = log.find((delivery) => delivery.id === deliveryId)
      if (!original) throw new RangeError(`No webhook delivery ${deliveryId}`)
      const endpoint = endpoints.get(original.endpointId)
      if (!endpoint) throw new RangeError(`The endpoint of delivery ${deliveryId} was removed`)
      const delivery = newDelivery(
        {
          messageId: original.messageId,
          eventType: original.eventType,
          body: original.body,
          createdAt: Date.now(),
        },
        endpoint,
      )
      start(delivery, endpoint)
      return delivery
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve)
        settle()
      }),
    close: () => {
      closed = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      settle()
    },
    dispatch: (event: EmulatorEvent) => {
      if (closed || endpoints.size === 0) return
      const body = JSON.stringify(event.payload)
      for (const endpoint of endpoints.values())
        start(
          newDelivery(
            { messageId: event.id, eventType: event.type, body, createdAt: event.createdAt },
            endpoint,
          ),
          endpoint,
        )
    },
  }
  for (const endpoint of options.endpoints ?? [])
    control.addEndpoint(typeof endpoint === 'string' ? { url: endpoint } : endpoint)
  return control
}
