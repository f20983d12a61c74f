import { z } from 'zod'
import { FlowgladApiError, type FlowgladApiErrorCode, type ValidationIssue } from '../state/FlowgladApiError'
import { jsonResponse } from './jsonResponse'

/** tRPC's `httpStatus` for each code Flowglad sends (@trpc/server `getHTTPStatusCodeFromError`). */
const statusOf: Record<FlowgladApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL_SERVER_ERROR: 500,
}

const codeOf = new Map(
  Object.entries(statusOf).map(([code, status]) => [status, code as FlowgladApiErrorCode]),
)

/** The Flowglad code that goes with a status (an injected fault's default body); unknown ones are 500-class. */
export function codeForStatus(status: number): FlowgladApiErrorCode {
  return codeOf.get(status) ?? 'INTERNAL_SERVER_ERROR'
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))
const HEX_CODES = Array.from('0123456789abcdef', (char) => char.charCodeAt(0))
const traceCodes: number[] = []

/** Random bytes drawn 256 answers' worth at a time: two `randomUUID` calls per answer showed in the profile. */
const pool = new Uint8Array(20 * 256)
let used = pool.length

function randomBytes(count: number): number {
  if (used + count > pool.length) {
    globalThis.crypto.getRandomValues(pool)
    used = 0
  }
  const start = used
  used += count
  return start
}

/** Flowglad's 8-character request id (route.ts: `crypto.randomUUID().slice(0, 8)`: 8 random hex digits). */
export function requestId(): string {
  const at = randomBytes(4)
  return `${HEX[pool[at] as number]}${HEX[pool[at + 1] as number]}${HEX[pool[at + 2] as number]}${HEX[pool[at + 3] as number]}`
}

/**
 * A 32-hex-character trace id, as Flowglad's tracing puts in `x-trace-id` and `trace_id`: a version 4
 * UUID without its dashes (version nibble 4 at position 12, variant 8–b at 16), as `randomUUID()` makes.
 */
function traceId(): string {
  const at = randomBytes(16)
  // Character codes, then one flat string: 16 concatenations made a chain of strings per answer.
  traceCodes.length = 0
  for (let i = 0; i < 16; i++) {
    let byte = pool[at + i] as number
    if (i === 6) byte = (byte & 0x0f) | 0x40
    else if (i === 8) byte = (byte & 0x3f) | 0x80
    traceCodes.push(HEX_CODES[byte >> 4] as number, HEX_CODES[byte & 0x0f] as number)
  }
  return String.fromCharCode.apply(null, traceCodes)
}

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
export function restErrorBody(error: string | ValidationIssue[], code?: FlowgladApiErrorCode) {
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
