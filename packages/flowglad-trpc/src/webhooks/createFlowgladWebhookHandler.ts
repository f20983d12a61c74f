import { processBillingChanges } from '../server/caches/billingChanges'
import { monotonicNow } from '../server/engine/clock'
import { customerScope } from '../server/store/cacheGenerations'
import type { FlowgladEventPayload, FlowgladEventType, FlowgladWebhookEventOf } from './eventTypes'
import { parseWebhookEvent } from './parseWebhookEvent'
import { readBodyWithin } from './readBodyWithin'
import {
  importSigningKey,
  readSvixHeaders,
  signingKeyBytes,
  verifySvixSignature,
} from './verifySvixSignature'
import { refusalResponse } from './webhookRefusals'
import { createMemoryWebhookStore, type WebhookStore } from './webhookStore'

/** One handler per event type, each given its narrowed event. */
export type FlowgladWebhookHandlers = {
  readonly [T in FlowgladEventType]?: (event: FlowgladWebhookEventOf<T>) => unknown
}

/** A verified delivery whose type the request does not tell (Flowglad's own Svix deliveries for most nouns). */
export interface UntypedWebhookEvent {
  readonly type: undefined
  readonly id: string
  readonly timestamp: number
  readonly payload: FlowgladEventPayload
}

/** Options of `createFlowgladWebhookHandler`. */
export interface FlowgladWebhookHandlerOptions {
  /** The endpoint's signing secret (`whsec_…`); several while rotating (any one may sign). */
  readonly secret: string | readonly string[]
  /** What to run per event type; a type without a handler is acknowledged. */
  readonly on: FlowgladWebhookHandlers
  /** Runs for a verified event whose type the delivery does not name (see README, Webhooks). */
  readonly onUntyped?: (event: UntypedWebhookEvent) => unknown
  /**
   * Dedupe and cache counters; default: in memory (one instance). With several instances use
   * `createRedisWebhookStore({ redis })` on the Redis `createRedisStore` uses.
   */
  readonly store?: WebhookStore
  /**
   * The app's `createFlowglad()` result: also ends a billing read of the customer in flight in it.
   * Without it, every runtime of this process (every bundle) still stops reusing the customer's billing.
   */
  readonly flowglad?: object
  /** Largest body accepted, in bytes (default 64 KiB; Flowglad's are under 1 KiB). */
  readonly maxBodyBytes?: number
  /** How far the signed time may be from now, in seconds (default 300, as Svix). */
  readonly toleranceSeconds?: number
  /** How long one delivery's handlers may hold it before another copy may run them (default 60 s). */
  readonly leaseMs?: number
  /** How long a handled delivery is remembered (default 3 days: longer than Svix retries). */
  readonly retainMs?: number
  /** Told when a handler throws (the sender gets a bare 500); default `console.error`. */
  readonly onError?: (
    error: unknown,
    event: { readonly id: string; readonly type: string | undefined },
  ) => void
  /** The clock (epoch ms), for tests. */
  readonly now?: () => number
}

/** What `createFlowglad()` carries for other copies of this library (see `createFlowglad.ts`). */
interface RuntimeBrand {
  readonly runtime?: { readonly billing?: { invalidate(externalId: string): void } }
}
const RUNTIME = Symbol.for('flowglad-trpc.runtime')

/**
 * Drops this process's billing reuse for the customer: every runtime's (the process's board: a
 * route handler and server components are two bundles), and the given runtime's memos too.
 */
function invalidateLocally(flowglad: object | undefined, externalId: string): void {
  const billing = (flowglad as { [RUNTIME]?: RuntimeBrand } | undefined)?.[RUNTIME]?.runtime?.billing
  // The runtime's invalidate announces the change on the board itself.
  if (billing) billing.invalidate(externalId)
  else processBillingChanges().changed(externalId, monotonicNow())
}

/**
 * A fetch-style webhook endpoint (`(Request) => Promise<Response>`: a Next.js route's `POST`, Hono,
 * Remix, Bun, Deno, or Node through any fetch adapter). Refuses non-POSTs, oversized bodies (before
 * parsing), bad signatures and stale or future timestamps without running anything; runs each
 * delivery's handler once across retries and instances; a throwing handler answers 500 so the
 * sender retries. Every verified event tells every instance to drop the customer's cached billing.
 */
export function createFlowgladWebhookHandler(
  options: FlowgladWebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret]
  if (secrets.length === 0) throw new TypeError('flowglad-trpc: createFlowgladWebhookHandler needs a secret')
  // A bad secret is a configuration error: thrown now, not answered as 401s later.
  for (const secret of secrets) signingKeyBytes(secret)
  const keys = Promise.all(secrets.map((secret) => importSigningKey(secret, 'verify')))
  const store = options.store ?? createMemoryWebhookStore()
  const now = options.now ?? Date.now
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024
  const toleranceSeconds = options.toleranceSeconds ?? 300
  const leaseMs = options.leaseMs ?? 60_000
  const retainMs = options.retainMs ?? 3 * 24 * 60 * 60_000
  const onError =
    options.onError ?? ((error: unknown) => console.error('flowglad-trpc webhook handler failed', error))

  return async (request) => {
    if (request.method !== 'POST') return refusalResponse('method_not_allowed')
    const body = await readBodyWithin(request, maxBodyBytes)
    if (body === undefined) return refusalResponse('body_too_large')
    const headers = readSvixHeaders(request.headers)
    if (!headers) return refusalResponse('missing_headers')
    const failure = await verifyWithAny(await keys, headers, body, toleranceSeconds, now())
    if (failure) return refusalResponse(failure)
    const parsed = parseWebhookEvent(body, request.headers)
    if (!parsed) return refusalResponse('invalid_payload')

    const externalId = parsed.payload.customer.externalId
    invalidateLocally(options.flowglad, externalId)
    await store.generations.bump(customerScope(externalId))

    const token = crypto.randomUUID()
    const claim = await store.claim(headers.id, token, leaseMs)
    if (claim === 'done') return Response.json({ received: true, duplicate: true })
    if (claim === 'busy') return refusalResponse('busy')
    const event = {
      type: parsed.type,
      id: headers.id,
      timestamp: Number(headers.timestamp),
      payload: parsed.payload,
    }
    try {
      const handler = parsed.type === undefined ? options.onUntyped : options.on[parsed.type]
      await (handler as ((event: unknown) => unknown) | undefined)?.(event)
    } catch (error) {
      await store.release(headers.id, token).catch(() => {})
      onError(error, { id: headers.id, type: parsed.type })
      return refusalResponse('handler_failed')
    }
    await store.complete(headers.id, token, retainMs)
    return Response.json({ received: true })
  }
}

/** Undefined when one of the keys signed the body; else the first key's failure. */
async function verifyWithAny(
  keys: readonly CryptoKey[],
  headers: NonNullable<ReturnType<typeof readSvixHeaders>>,
  body: string,
  toleranceSeconds: number,
  now: number,
) {
  let first: Awaited<ReturnType<typeof verifySvixSignature>>
  for (const [index, key] of keys.entries()) {
    const failure = await verifySvixSignature(key, headers, body, { toleranceSeconds, now })
    if (!failure) return undefined
    if (index === 0) first = failure
  }
  return first
}
