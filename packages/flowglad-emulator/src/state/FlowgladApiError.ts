/**
 * The tRPC error codes Flowglad's REST layer puts in `code` (route.ts copies
 * `error.json.data.code`; the status is tRPC's `httpStatus` for it).
 */
export type FlowgladErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INTERNAL_SERVER_ERROR'

/** One zod issue as Flowglad sends it inside `error` for an input that fails validation. */
export interface ValidationIssue {
  code: string
  path: Array<string | number>
  message: string
  [key: string]: unknown
}

/**
 * A domain failure the HTTP layer turns into Flowglad's REST error body
 * `{ error, code, request_id }` with the matching status. `issues` (a validation failure) become
 * the `error` value itself, as Flowglad's REST handler JSON-parses tRPC's zod message.
 */
export class FlowgladApiError extends Error {
  override readonly name = 'FlowgladApiError'
  constructor(
    readonly code: FlowgladErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message)
  }
}

/** Shorthand for the most common domain failure. */
export const notFound = (what: string, id: string) =>
  new FlowgladApiError('NOT_FOUND', `${what} ${id} not found`)

/** Shorthand for a request that is well-formed but not allowed in the current state. */
export const badRequest = (message: string) => new FlowgladApiError('BAD_REQUEST', message)

/**
 * Flowglad's `ValidationError(field, reason)` (src/errors.ts), mapped to BAD_REQUEST by the tRPC
 * domain-error middleware (src/server/trpc.ts); its message is `Invalid <field>: <reason>`.
 */
export const validationError = (field: string, reason: string) =>
  new FlowgladApiError('BAD_REQUEST', `Invalid ${field}: ${reason}`)

/** Flowglad's `ConflictError(resource, conflict)`: 409 CONFLICT, `<resource> conflict: <conflict>`. */
export const conflictError = (resource: string, conflict: string) =>
  new FlowgladApiError('CONFLICT', `${resource} conflict: ${conflict}`)

/** Flowglad's domain `NotFoundError(resource, id)`: 404, `<resource> not found: <id>`. */
export const domainNotFound = (resource: string, id: string) =>
  new FlowgladApiError('NOT_FOUND', `${resource} not found: ${id}`)

/**
 * What Flowglad answers when a handler calls better-result's `.unwrap()` on a failed
 * `selectXById`: the `Panic` escapes the domain-error middleware, so tRPC sends a 500
 * `INTERNAL_SERVER_ERROR` whose message is the panic's. `wraps` is how many `unwrap()`s the error
 * passed through (GET /subscriptions/{id} unwraps inside and outside its transaction: 2).
 */
export function unwrapPanic(table: string, id: string, wraps = 1): FlowgladApiError {
  let message = `NotFoundError: No ${table} found with id: ${id}`
  for (let i = 0; i < wraps; i += 1) message = `Unwrap called on Err: ${i === 0 ? '' : 'Panic: '}${message}`
  return new FlowgladApiError('INTERNAL_SERVER_ERROR', message)
}

/** A domain error passed through `.unwrap()` (a Panic, so a 500 carrying the domain error's text). */
export function panicOf(error: FlowgladApiError, tag: string): FlowgladApiError {
  return new FlowgladApiError('INTERNAL_SERVER_ERROR', `Unwrap called on Err: ${tag}: ${error.message}`)
}
