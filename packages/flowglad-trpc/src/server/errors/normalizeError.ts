import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@flowglad/node'
import { TRPCError } from '@trpc/server'
import {
  domainRefusalOf,
  errorCodeByFailure,
  type FlowgladErrorData,
  type FlowgladWriteOutcome,
  failureFromStatus,
  isRefusalFailure,
  messageByFailure,
  redactSecret,
} from '../../core/errors'
import { FlowgladUpstreamError, findUpstreamError } from '../upstream/FlowgladUpstreamError'
import { retryAfterMs } from '../upstream/rateLimitGate'
import { isTRPCError } from './isTRPCError'
import { scrubSecret } from './scrubSecret'

/** What the caller knows about the handler that failed. */
export interface FailureContext {
  /** A mutation reports whether its write was applied. */
  readonly kind?: 'query' | 'mutation'
  /** Upstream writes sent before the failure (none: nothing was applied). */
  readonly writesSent?: number
}

/** Thrown when the configuration cannot work (e.g. no API key in production); reported at first use. */
export class FlowgladConfigurationError extends Error {
  override readonly name = 'FlowgladConfigurationError'
}

// A message is for people: Flowglad's error text can echo a whole request (5 MB of input).
const MAX_MESSAGE = 500

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Zod issues as Flowglad's REST layer sends them (`error: [{ path, message }]`), as one line. */
function issuesText(issues: readonly unknown[]): string | undefined {
  const lines = issues.flatMap((issue) => {
    if (!isRecord(issue) || typeof issue.message !== 'string') return []
    const path = Array.isArray(issue.path) && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
    return [`${path}${issue.message}`]
  })
  return lines.length > 0 ? lines.join('; ') : undefined
}

/**
 * The human text of a Flowglad error body. Flowglad's REST handler sends `{ error, code, request_id }`
 * where `error` is the message or, for invalid input, the zod issues
 * (platform/flowglad-next/src/app/api/v1/[...path]/route.ts, `respond.error`, commit 49b3368f);
 * older bodies (and the spec) use `{ message, issues }`.
 */
function bodyText(body: unknown): string | undefined {
  if (typeof body === 'string') return body
  if (!isRecord(body)) return undefined
  const { error, message, issues } = body
  if (typeof error === 'string') return error
  if (Array.isArray(error)) return issuesText(error)
  if (isRecord(error) && typeof error.message === 'string') return error.message
  const details = Array.isArray(issues) ? issuesText(issues) : undefined
  if (typeof message === 'string') return details ? `${message}: ${details}` : message
  return details
}

const truncate = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text)

/** A `FlowgladUpstreamError` for an answer Flowglad gave (`@flowglad/node` threw an `APIError`). */
function fromResponse(error: APIError & { status: number }): FlowgladUpstreamError {
  const body: unknown = error.error
  // Plain-text bodies (Flowglad's 401/404) reach us only as "<status> <text>" in the message.
  const bodyMessage =
    bodyText(body) ?? (body === undefined ? error.message.replace(/^\d{3} /, '') : undefined)
  // Flowglad's own 500 (its body says INTERNAL_SERVER_ERROR) may be a business refusal in disguise.
  const refusal =
    error.status === 500 && isRecord(body) && body.code === 'INTERNAL_SERVER_ERROR' && bodyMessage
      ? domainRefusalOf(bodyMessage)
      : undefined
  const failure = refusal?.failure ?? failureFromStatus(error.status)
  const text = refusal?.message ?? bodyMessage
  const data: FlowgladErrorData = {
    failure,
    status: error.status,
    ...(isRecord(body) && typeof body.code === 'string' ? { flowgladCode: body.code } : {}),
    ...(isRecord(body) && typeof body.request_id === 'string' ? { requestId: body.request_id } : {}),
    ...(error.headers && failure === 'rate_limited' ? { retryAfterMs: retryAfterMs(error.headers) } : {}),
  }
  const message = text?.trim() ? truncate(text.trim()) : `Flowglad answered ${error.status}.`
  return new FlowgladUpstreamError(message, data, { cause: error })
}

/** The library's view of anything thrown while talking to Flowglad. */
function understand(error: unknown): FlowgladUpstreamError {
  const known = findUpstreamError(error)
  if (known) return known
  if (error instanceof APIError && typeof error.status === 'number')
    return fromResponse(error as APIError & { status: number })
  // Timeout first: it extends the connection error.
  if (error instanceof APIConnectionTimeoutError)
    return new FlowgladUpstreamError(error.message, { failure: 'timeout' }, { cause: error })
  if (error instanceof APIConnectionError)
    return new FlowgladUpstreamError(error.message, { failure: 'unreachable' }, { cause: error })
  if (error instanceof FlowgladConfigurationError)
    return new FlowgladUpstreamError(error.message, { failure: 'misconfigured' }, { cause: error })
  const message = error instanceof Error ? error.message : 'Unknown error'
  return new FlowgladUpstreamError(message, { failure: 'unexpected' }, { cause: error })
}

/** Whether a failed mutation was applied, from what reached Flowglad and what it answered. */
function outcomeOf(
  understood: FlowgladUpstreamError,
  context: FailureContext,
): FlowgladWriteOutcome | undefined {
  if (context.kind !== 'mutation') return understood.data.outcome
  if (understood.data.failure === 'outcome_unknown') return 'unknown'
  if (!context.writesSent) return 'not_applied'
  // Flowglad runs each call in one transaction: a refusal (4xx, or a 500 carrying a domain error)
  // applied nothing; any other 5xx may come from a proxy after Flowglad applied it.
  return understood.data.status !== undefined && isRefusalFailure[understood.data.failure]
    ? 'not_applied'
    : 'unknown'
}

/**
 * The one error boundary: turns anything thrown by a Flowglad handler into a `TRPCError` with the
 * right code and a readable message, keeps a `FlowgladUpstreamError` (with `data`) as `cause`, and
 * scrubs the API key from the whole chain first.
 */
export function normalizeError(
  error: unknown,
  secret: string | undefined,
  context: FailureContext = {},
): TRPCError {
  scrubSecret(error, secret)
  if (isTRPCError(error)) return error
  const understood = understand(error)
  const outcome = outcomeOf(understood, context)
  const cause =
    outcome === understood.data.outcome
      ? understood
      : new FlowgladUpstreamError(
          understood.message,
          { ...understood.data, outcome },
          { cause: understood.cause },
        )
  const message = messageByFailure[cause.data.failure] ?? cause.message
  return new TRPCError({
    code: errorCodeByFailure[cause.data.failure],
    message: redactSecret(message, secret),
    cause,
  })
}

/** True when `error` is an upstream response with this HTTP status. */
export function isUpstreamStatus(error: unknown, status: number): boolean {
  return (error instanceof APIError && error.status === status) || findUpstreamError(error)?.status === status
}
