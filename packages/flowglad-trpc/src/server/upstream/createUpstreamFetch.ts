import type { FlowgladFailure } from '../../core/errors'
import { currentBudget } from '../engine/callBudget'
import { FlowgladUpstreamError } from './FlowgladUpstreamError'
import { type RateLimitGate, retryAfterMs } from './rateLimitGate'
import { type RequestSafety, requestSafety } from './requestSafety'

/** The `fetch` signature `@flowglad/node` calls. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/** How upstream requests are bounded and retried. */
export interface UpstreamPolicy {
  /** The underlying fetch (the emulator's in-process one, or the global). */
  readonly fetch: FetchLike
  /** Total time for a request made outside a handler (a handler brings its own deadline). */
  readonly budgetMs: number
  /** Extra attempts for a request that is safe to repeat. */
  readonly maxRetries: number
  /** Cap on one attempt; default: whatever is left of the budget. */
  readonly attemptTimeoutMs?: number | undefined
  /** Shared pause after a 429 that says how long to wait. */
  readonly gate: RateLimitGate
}

// Network errors that mean the request never left: repeating it cannot act twice.
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'])

function networkCode(error: unknown): unknown {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause
  return cause?.code ?? (error as { code?: unknown } | null)?.code
}

/**
 * Statuses worth another attempt, for requests safe to repeat (429 has its own rule): timeouts and
 * what proxies answer for a busy or restarting Flowglad. Flowglad's own 500s are deterministic (an
 * `.unwrap()` on an unknown id), so repeating them only adds load.
 */
const retriedStatuses: ReadonlySet<number> = new Set([408, 502, 503, 504])
const retriedStatus = (status: number) => retriedStatuses.has(status)

/** Exponential backoff with jitter, as `@flowglad/node` does: 0.5 s, 1 s, 2 s ... capped at 8 s. */
const backoffMs = (attempt: number) => Math.min(500 * 2 ** (attempt - 1), 8000) * (1 - Math.random() * 0.25)

/** `fetch`, settled when `signal` aborts even if the implementation ignores it (an in-process handler). */
function fetchUntilAborted(
  fetch: FetchLike,
  url: string,
  init: RequestInit,
  signal: AbortSignal,
): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('aborted'))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    fetch(url, { ...init, signal })
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** Why an attempt got no answer: never sent, connection lost after sending, or out of time. */
type Lost = 'not_sent' | 'dropped' | 'timed_out'

/** What an attempt without an answer becomes: a write that may have arrived has an unknown outcome. */
const failureWhenLost: Record<Lost, Record<RequestSafety, FlowgladFailure>> = {
  not_sent: { read: 'unreachable', idempotent: 'unreachable', unsafe: 'unreachable' },
  dropped: { read: 'unreachable', idempotent: 'outcome_unknown', unsafe: 'outcome_unknown' },
  timed_out: { read: 'timeout', idempotent: 'outcome_unknown', unsafe: 'outcome_unknown' },
}

/**
 * Wraps `fetch` for `@flowglad/node` (whose own retries are off): every request draws on the
 * handler's deadline; reads and idempotent writes are retried on 408/5xx/network errors within
 * it, other writes only when they provably never left. A 429 is retried at most once, only when
 * its `Retry-After` fits the deadline, and holds every request of the process until then.
 */
export function createUpstreamFetch(policy: UpstreamPolicy): FetchLike {
  return async (input, init = {}) => {
    const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const safety = requestSafety(method, new URL(url).pathname, init.body)
    const budget = currentBudget()
    const deadline = budget?.deadline ?? Date.now() + policy.budgetMs
    const fail = (failure: FlowgladFailure, message: string, extra: object = {}, cause?: unknown) =>
      new FlowgladUpstreamError(message, { failure, attempts, ...extra }, cause ? { cause } : undefined)
    let attempts = 0
    let rateLimitRetried = false
    for (;;) {
      if (!(await policy.gate.wait(deadline)))
        throw fail('rate_limited', 'Flowglad is rate limiting this app; try again shortly.', {
          retryAfterMs: Math.max(0, policy.gate.closedUntil - Date.now()),
        })
      const remaining = deadline - Date.now()
      if (remaining <= 0)
        throw fail(attempts > 0 && safety !== 'read' ? 'outcome_unknown' : 'timeout', 'Out of time budget.')
      attempts += 1
      if (safety !== 'read' && budget) budget.writesSent += 1
      const controller = new AbortController()
      const onAbort = () => controller.abort(init.signal?.reason)
      init.signal?.addEventListener('abort', onAbort)
      let timedOut = false
      const timer = setTimeout(
        () => {
          timedOut = true
          controller.abort()
        },
        Math.min(remaining, policy.attemptTimeoutMs ?? remaining),
      )
      try {
        const response = await fetchUntilAborted(policy.fetch, url, init, controller.signal)
        if (response.status === 429) {
          const wait = retryAfterMs(response.headers)
          // Without Retry-After we cannot know how long: fail this call only (no blind retry).
          if (wait !== undefined) policy.gate.pause(wait)
          const fits = wait !== undefined && Date.now() + wait < deadline
          if (rateLimitRetried || !fits || attempts > policy.maxRetries) return response
          rateLimitRetried = true
          await response.body?.cancel()
          continue
        }
        const delay = backoffMs(attempts)
        if (
          !retriedStatus(response.status) ||
          safety === 'unsafe' ||
          attempts > policy.maxRetries ||
          Date.now() + delay >= deadline
        )
          return response
        await response.body?.cancel()
        await new Promise((resolve) => setTimeout(resolve, delay))
      } catch (error) {
        // The caller's own abort (none is passed today) stays theirs.
        if (init.signal?.aborted) throw error
        const lost: Lost = timedOut
          ? 'timed_out'
          : notSentCodes.has(networkCode(error) as string)
            ? 'not_sent'
            : 'dropped'
        const repeatable = lost === 'not_sent' || safety !== 'unsafe'
        const delay = backoffMs(attempts)
        if (repeatable && !timedOut && attempts <= policy.maxRetries && Date.now() + delay < deadline) {
          await new Promise((resolve) => setTimeout(resolve, delay))
          continue
        }
        const failure = failureWhenLost[lost][safety]
        // No `cause` for our own abort: @flowglad/node would read its text as a timeout and drop this error.
        throw fail(
          failure,
          timedOut ? 'No answer within the time budget.' : 'Connection failed.',
          {},
          timedOut ? undefined : error,
        )
      } finally {
        clearTimeout(timer)
        init.signal?.removeEventListener('abort', onAbort)
      }
    }
  }
}
