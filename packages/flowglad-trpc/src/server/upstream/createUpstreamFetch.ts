import type { FlowgladFailure } from '../../core/errors'
import { type CallBudget, countWrite, onDeadline } from '../engine/callBudget'
import { monotonicNow } from '../engine/clock'
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

/** An attempt that got no answer within its time (the budget's rest, or the attempt cap). */
class AttemptTimedOut extends Error {}

/**
 * One attempt: its answer, or a rejection when its time is up (the request is aborted) or the
 * caller's own signal aborts, even if `fetch` ignores the signal (an in-process handler). Its time:
 * `ms` when given (a cap below the budget's rest), else the budget's deadline, ended by the
 * handler's one deadline timer. The AbortController is `@flowglad/node`'s own: no second one.
 */
function sendAttempt(
  fetch: FetchLike,
  url: string,
  request: RequestInit,
  controller: AbortController,
  callerSignal: AbortSignal | undefined,
  budget: CallBudget | undefined,
  ms: number | undefined,
): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const onCallerAbort = () => {
      reject(callerSignal?.reason ?? new Error('aborted'))
      controller.abort(callerSignal?.reason)
    }
    const onTimeout = () => {
      reject(new AttemptTimedOut('No answer within the time budget.'))
      controller.abort()
    }
    // Bounded by the handler's deadline timer when it has one and no shorter cap applies.
    const stopWaiting = ms === undefined ? onDeadline(budget, onTimeout) : undefined
    const timer = stopWaiting
      ? undefined
      : setTimeout(onTimeout, ms ?? Math.max(0, (budget?.deadline ?? 0) - monotonicNow()))
    const settle = () => {
      if (stopWaiting) stopWaiting()
      else clearTimeout(timer)
      callerSignal?.removeEventListener('abort', onCallerAbort)
    }
    // Aborted already (the deadline passed between the budget check and here): nothing is sent.
    if (controller.signal.aborted) {
      settle()
      return reject(new AttemptTimedOut('No answer within the time budget.'))
    }
    if (callerSignal) {
      if (callerSignal.aborted) {
        settle()
        return onCallerAbort()
      }
      callerSignal.addEventListener('abort', onCallerAbort, { once: true })
    }
    let answer: Promise<Response>
    try {
      answer = fetch(url, request)
    } catch (error) {
      settle()
      return reject(error)
    }
    answer.then(
      (response) => {
        settle()
        resolve(response)
      },
      (error: unknown) => {
        settle()
        reject(error)
      },
    )
  })
}

/** What a request body streams from, as `@flowglad/node` tells (it then sends `duplex: 'half'`). */
const isReadableBody = (body: unknown): boolean =>
  (globalThis.ReadableStream !== undefined && body instanceof globalThis.ReadableStream) ||
  (typeof body === 'object' && body !== null && Symbol.asyncIterator in body)

/** Why an attempt got no answer: never sent, connection lost after sending, or out of time. */
type Lost = 'not_sent' | 'dropped' | 'timed_out'

/** What an attempt without an answer becomes: a write that may have arrived has an unknown outcome. */
const failureWhenLost: Record<Lost, Record<RequestSafety, FlowgladFailure>> = {
  not_sent: { read: 'unreachable', idempotent: 'unreachable', unsafe: 'unreachable' },
  dropped: { read: 'unreachable', idempotent: 'outcome_unknown', unsafe: 'outcome_unknown' },
  timed_out: { read: 'timeout', idempotent: 'outcome_unknown', unsafe: 'outcome_unknown' },
}

/**
 * Sends one `@flowglad/node` request (what its `fetchWithTimeout` receives: the URL, the request,
 * the client's per-request timeout and its AbortController) on a handler's budget; without one,
 * on a fresh budget of `budgetMs` (calls made outside a handler).
 */
export type UpstreamFetch = (
  budget: CallBudget | undefined,
  url: string,
  init: RequestInit,
  controller: AbortController,
  timeoutMs: number,
) => Promise<Response>

/** The error an upstream request fails with, and how many attempts it made. */
const fail = (
  failure: FlowgladFailure,
  message: string,
  attempts: number,
  extra: object = {},
  cause?: unknown,
) => new FlowgladUpstreamError(message, { failure, attempts, ...extra }, cause ? { cause } : undefined)

/**
 * Sends `@flowglad/node`'s requests (whose own retries are off): every request draws on its
 * handler's deadline; reads and idempotent writes are retried on 408/5xx/network errors within
 * it, other writes only when they provably never left. A 429 is retried at most once, only when
 * its `Retry-After` fits the deadline, and holds every request of the process until then.
 */
export function createUpstreamFetch(policy: UpstreamPolicy): UpstreamFetch {
  return async (budget, url, init, controller, timeoutMs) => {
    const method = (init.method ?? 'GET').toUpperCase()
    const safety = requestSafety(method, url, init.body)
    const deadline = budget ? budget.deadline : monotonicNow() + policy.budgetMs
    // A signal passed to one call of the raw client (`signal` option): that caller's to abort.
    const callerSignal = init.signal ?? undefined
    // Built as @flowglad/node's own fetchWithTimeout builds it ({ signal, method, ...init }, then
    // the two set): fetch (undici's Request, shared with every other caller in the process) sees
    // one object shape, not two. Measured: a second shape cost ~1.5% of a billing read.
    const request: RequestInit = { signal: controller.signal, method, ...init }
    request.signal = controller.signal
    request.method = method
    if (isReadableBody(init.body)) (request as { duplex?: string }).duplex = 'half'
    let attempts = 0
    let rateLimitRetried = false
    for (;;) {
      if (policy.gate.closedUntil > monotonicNow() && !(await policy.gate.wait(deadline)))
        throw fail('rate_limited', 'Flowglad is rate limiting this app; try again shortly.', attempts, {
          retryAfterMs: Math.max(0, policy.gate.closedUntil - monotonicNow()),
        })
      const remaining = deadline - monotonicNow()
      if (remaining <= 0)
        throw fail(
          attempts > 0 && safety !== 'read' ? 'outcome_unknown' : 'timeout',
          'Out of time budget.',
          attempts,
        )
      attempts += 1
      if (safety !== 'read') countWrite(budget)
      // Capped below what is left of the budget: its own timer; else the budget's deadline timer.
      const cap = Math.min(policy.attemptTimeoutMs ?? remaining, timeoutMs)
      const attemptMs = budget && cap >= remaining ? undefined : Math.min(remaining, cap)
      try {
        const response = await sendAttempt(
          policy.fetch,
          url,
          request,
          controller,
          callerSignal,
          budget,
          attemptMs,
        )
        if (response.status === 429) {
          const wait = retryAfterMs(response.headers)
          // Without Retry-After we cannot know how long: fail this call only (no blind retry).
          if (wait !== undefined) policy.gate.pause(wait)
          const fits = wait !== undefined && monotonicNow() + wait < deadline
          if (rateLimitRetried || !fits || attempts > policy.maxRetries) return response
          rateLimitRetried = true
          await response.body?.cancel()
          continue
        }
        if (!retriedStatus(response.status) || safety === 'unsafe' || attempts > policy.maxRetries)
          return response
        const delay = backoffMs(attempts)
        if (monotonicNow() + delay >= deadline) return response
        await response.body?.cancel()
        await new Promise((resolve) => setTimeout(resolve, delay))
      } catch (error) {
        // The caller's own abort stays theirs.
        if (callerSignal?.aborted) throw error
        const timedOut = error instanceof AttemptTimedOut
        const lost: Lost = timedOut
          ? 'timed_out'
          : notSentCodes.has(networkCode(error) as string)
            ? 'not_sent'
            : 'dropped'
        const repeatable = lost === 'not_sent' || safety !== 'unsafe'
        const delay = backoffMs(attempts)
        if (repeatable && !timedOut && attempts <= policy.maxRetries && monotonicNow() + delay < deadline) {
          await new Promise((resolve) => setTimeout(resolve, delay))
          continue
        }
        const failure = failureWhenLost[lost][safety]
        // No `cause` for our own abort: @flowglad/node would read its text as a timeout and drop this error.
        throw fail(
          failure,
          timedOut ? 'No answer within the time budget.' : 'Connection failed.',
          attempts,
          {},
          timedOut ? undefined : error,
        )
      }
    }
  }
}
