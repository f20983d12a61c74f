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
  unexpected: 'INTERNAL_SERVER_ERROR',
}

/** Client-facing messages that replace upstream ones where the upstream text would mislead or leak. */
export const messageByFailure: Partial<Record<FlowgladFailure, string>> = {
  rejected_api_key:
    'Flowglad rejected the configured API key: check FLOWGLAD_SECRET_KEY (server configuration error).',
  timeout: 'Flowglad did not answer in time.',
  unreachable: 'Flowglad could not be reached.',
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
