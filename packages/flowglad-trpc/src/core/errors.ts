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
