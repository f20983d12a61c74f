import { z } from 'zod'
import { FlowgladApiError, type FlowgladErrorCode, type ValidationIssue } from '../state/FlowgladApiError'
import { jsonResponse } from './jsonResponse'

/** tRPC's `httpStatus` for each code Flowglad sends (@trpc/server `getHTTPStatusCodeFromError`). */
const statusOf: Record<FlowgladErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL_SERVER_ERROR: 500,
}

const codeOf = new Map(Object.entries(statusOf).map(([code, status]) => [status, code as FlowgladErrorCode]))

/** The Flowglad code that goes with a status (an injected fault's default body); unknown ones are 500-class. */
export function codeForStatus(status: number): FlowgladErrorCode {
  return codeOf.get(status) ?? 'INTERNAL_SERVER_ERROR'
}

/** Flowglad's 8-character request id (route.ts: `crypto.randomUUID().slice(0, 8)`). */
export const requestId = (): string => globalThis.crypto.randomUUID().slice(0, 8)

/** A 32-hex-character trace id, as Flowglad's tracing puts in `x-trace-id` and `trace_id`. */
const traceId = (): string => globalThis.crypto.randomUUID().replaceAll('-', '')

/**
 * The `x-request-id` / `x-trace-id` headers route.ts sets on every answer past authentication
 * (the 401s come before them); an error body carries the same ids.
 */
export function tracingHeaders(
  ids: { request_id: string; trace_id: string } = { request_id: requestId(), trace_id: traceId() },
): Record<string, string> {
  return { 'x-request-id': ids.request_id, 'x-trace-id': ids.trace_id }
}

/** zod issues as tRPC serialises them in the message Flowglad's REST layer parses into `error`. */
export function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map(
    (issue) =>
      ({
        ...issue,
        path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
      }) as ValidationIssue,
  )
}

/**
 * Flowglad's REST error body (`app/api/v1/[...path]/route.ts`, `respond.error`):
 * `{ error, code?, request_id }`; `error` is the message, or the issue list of a validation error.
 */
export function restErrorBody(error: string | ValidationIssue[], code?: FlowgladErrorCode) {
  return { error, ...(code ? { code } : {}), request_id: requestId(), trace_id: traceId() }
}

/** Flowglad's REST error body with its ids repeated in the headers. */
export function restErrorResponse(body: ReturnType<typeof restErrorBody>, status: number): Response {
  return jsonResponse(body, status, tracingHeaders(body))
}

/** A plain-text response, as Flowglad sends its 401s and its unknown-route 404. */
export function textResponse(body: string, status: number, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers } })
}

/**
 * The one place any failure becomes an HTTP response, in Flowglad's REST shape with tRPC's
 * status for the code. An unknown error is route.ts's catch-all: 500 `Internal server error`
 * without a code, so nothing internal (and never the API key) leaks.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof FlowgladApiError) {
    return restErrorResponse(restErrorBody(error.issues ?? error.message, error.code), statusOf[error.code])
  }
  if (error instanceof z.ZodError) {
    return errorResponse(new FlowgladApiError('BAD_REQUEST', 'Invalid request', zodIssues(error)))
  }
  return restErrorResponse(restErrorBody('Internal server error'), 500)
}
