// How an upstream Flowglad failure becomes a tRPC error code. Framework-free: the server's
// normaliser classifies the thrown error into a `FlowgladFailure`, and this table picks the code,
// so a new kind of failure does not compile until it has one.

/** Every way a call to Flowglad can fail, as seen from this library. */
export type FlowgladFailure =
  | 'invalid_request'
  | 'rejected_api_key'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'upstream_error'
  | 'timeout'
  | 'unreachable'
  | 'outcome_unknown'
  | 'misconfigured'
  | 'unexpected'

/** The tRPC error codes this library produces (a subset of `TRPC_ERROR_CODE_KEY`). */
export type FlowgladErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'TOO_MANY_REQUESTS'
  | 'TIMEOUT'
  | 'BAD_GATEWAY'
  | 'GATEWAY_TIMEOUT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'

/** The tRPC code for each kind of upstream failure. */
export const errorCodeByFailure: Record<FlowgladFailure, FlowgladErrorCode> = {
  invalid_request: 'BAD_REQUEST',
  // Upstream 401 means *our* API key was rejected: a server misconfiguration, not the user's fault.
  rejected_api_key: 'INTERNAL_SERVER_ERROR',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  rate_limited: 'TOO_MANY_REQUESTS',
  upstream_error: 'BAD_GATEWAY',
  timeout: 'GATEWAY_TIMEOUT',
  unreachable: 'SERVICE_UNAVAILABLE',
  // Its own code, so a client never mistakes "maybe applied" for "did not happen" (GATEWAY_TIMEOUT).
  outcome_unknown: 'TIMEOUT',
  misconfigured: 'INTERNAL_SERVER_ERROR',
  unexpected: 'INTERNAL_SERVER_ERROR',
}

/** Client-facing messages that replace upstream ones where the upstream text would mislead or leak. */
export const messageByFailure: Partial<Record<FlowgladFailure, string>> = {
  rejected_api_key:
    'Flowglad rejected the configured API key: check FLOWGLAD_SECRET_KEY (server configuration error).',
  timeout: 'Flowglad did not answer in time.',
  unreachable: 'Flowglad could not be reached.',
  outcome_unknown:
    'Flowglad did not confirm this change in time: it may or may not have been applied. ' +
    'Refresh before trying again.',
}

/**
 * Whether Flowglad applied a write: `not_applied` when it refused or was never reached,
 * `unknown` when the request was sent and no answer came back (timeout, lost connection).
 */
export type FlowgladWriteOutcome = 'not_applied' | 'unknown'

/**
 * What this library knows about a failed Flowglad call, for the app's tRPC `errorFormatter`
 * (`getFlowgladErrorData(error)` on the server) and its logs. Holds no secret.
 */
export interface FlowgladErrorData {
  /** The kind of failure (decides the tRPC code). */
  readonly failure: FlowgladFailure
  /** For writes only: whether Flowglad applied it. */
  readonly outcome?: FlowgladWriteOutcome
  /** Flowglad's HTTP status, when it answered. */
  readonly status?: number
  /** Flowglad's own error code (e.g. `BAD_REQUEST`), when its body had one. */
  readonly flowgladCode?: string
  /** Flowglad's `request_id`, to quote to Flowglad support. */
  readonly requestId?: string
  /** How long to wait before trying again (rate limits), when known. */
  readonly retryAfterMs?: number
  /** Upstream requests made for this call (1 = no retry). */
  readonly attempts?: number
}

const failureByStatus: Readonly<Partial<Record<number, FlowgladFailure>>> = {
  401: 'rejected_api_key',
  403: 'forbidden',
  404: 'not_found',
  408: 'timeout',
  409: 'conflict',
  429: 'rate_limited',
}

/**
 * Flowglad's domain error classes (platform/flowglad-next/src/errors.ts, commit 49b3368f) and the
 * failure each refusal is. Flowglad means them as 400/404/409 (`domainErrorMiddleware`,
 * src/server/trpc.ts), but with tRPC 11.8 that middleware's `next()` returns the error instead of
 * throwing it, so they reach the wire as `500 INTERNAL_SERVER_ERROR` carrying the domain message
 * (bare, or as a panic: `Unwrap called on Err: <Class>: <message>`). Null: not a refusal.
 */
const failureByDomainError = {
  ValidationError: 'invalid_request',
  TerminalStateError: 'invalid_request',
  SubscriptionTerminalStateError: 'invalid_request',
  ArchivedCustomerError: 'invalid_request',
  NotFoundError: 'not_found',
  ConflictError: 'conflict',
  CapacityExceededError: 'conflict',
  AuthorizationError: 'forbidden',
  RateLimitError: 'rate_limited',
  PaymentError: null,
  ExternalServiceError: null,
} as const satisfies Record<string, FlowgladFailure | null>

type DomainErrorName = keyof typeof failureByDomainError

/** How each refusal class words a bare message (its constructor in src/errors.ts; db lookups for NotFoundError). */
const bareMessageShapes: Record<Exclude<DomainErrorName, 'PaymentError' | 'ExternalServiceError'>, RegExp> = {
  ValidationError: /^Invalid [\w.]+: /,
  TerminalStateError: /^\w+ \S+ is in terminal state: /,
  SubscriptionTerminalStateError: /^Cannot mutate subscription \S+ in terminal state: /,
  ArchivedCustomerError: /^Cannot .+ for archived customer$/,
  NotFoundError: /^(\w+ not found: |No \w+ found with id: )/,
  ConflictError: /^\w+ conflict: /,
  CapacityExceededError: /^No available capacity\. /,
  AuthorizationError: /^Not authorized to /,
  RateLimitError: /^Rate limit exceeded for /,
}

const PANIC_PREFIX = /^(?:Unwrap called on Err: (?:Panic: )?)+/

/** A Flowglad business refusal read from a 500's message: its failure and the domain message. */
export interface DomainRefusal {
  readonly failure: FlowgladFailure
  /** The domain error's own text, without the panic prefix (`Invalid subscription: …`). */
  readonly message: string
}

/**
 * The refusal a Flowglad `500 INTERNAL_SERVER_ERROR` message carries, or undefined for a real
 * server fault. The one place Flowglad's wording is read: a panic names its class, a bare domain
 * message is recognised by its constructor's shape.
 */
export function domainRefusalOf(message: string): DomainRefusal | undefined {
  const unwrapped = message.replace(PANIC_PREFIX, '')
  const named = /^(\w+): ([\s\S]*)$/.exec(unwrapped)
  if (named && message !== unwrapped && Object.hasOwn(failureByDomainError, named[1] as string)) {
    const failure = failureByDomainError[named[1] as DomainErrorName]
    return failure ? { failure, message: named[2] as string } : undefined
  }
  for (const [name, shape] of Object.entries(bareMessageShapes)) {
    if (shape.test(unwrapped)) {
      const failure = failureByDomainError[name as DomainErrorName]
      return failure ? { failure, message: unwrapped } : undefined
    }
  }
  return undefined
}

/**
 * Whether Flowglad refused (so applied nothing: each call runs in one transaction), by failure
 * kind. A refusal is never retried and never reaches the app's client as a 500.
 */
export const isRefusalFailure: Record<FlowgladFailure, boolean> = {
  invalid_request: true,
  rejected_api_key: true,
  forbidden: true,
  not_found: true,
  conflict: true,
  rate_limited: true,
  upstream_error: false,
  timeout: false,
  unreachable: false,
  outcome_unknown: false,
  misconfigured: false,
  unexpected: false,
}

/** Classifies an upstream HTTP status into a failure kind (exact statuses first, then ranges). */
export function failureFromStatus(status: number): FlowgladFailure {
  const exact = failureByStatus[status]
  if (exact) return exact
  if (status >= 500) return 'upstream_error'
  if (status >= 400) return 'invalid_request'
  return 'unexpected'
}

/** Replaces every occurrence of `secret` in `text` (no-op for empty secrets). */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text
  return text.split(secret).join('[redacted]')
}
