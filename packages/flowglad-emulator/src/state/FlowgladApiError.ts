/**
 * The tRPC error codes Flowglad's REST layer puts in `code` (route.ts copies
 * `error.json.data.code`; the status is tRPC's `httpStatus` for it).
 */
export type FlowgladApiErrorCode =
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
    readonly code: FlowgladApiErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
    /** The Flowglad domain error class this stands for (src/errors.ts), named in an unwrap panic. */
    readonly domain?: DomainErrorName,
  ) {
    super(message)
  }
}

/** Flowglad's domain error classes (src/errors.ts) the emulator reproduces. */
export type DomainErrorName = 'ValidationError' | 'ConflictError' | 'NotFoundError' | 'TerminalStateError'

/**
 * Flowglad throws a domain error inside a procedure; `domainErrorMiddleware` (src/server/trpc.ts)
 * was meant to map it to 400/404/409, but with tRPC 11.8 a middleware's `next()` returns the error
 * result instead of throwing it, so the catch never runs and tRPC answers 500
 * INTERNAL_SERVER_ERROR with the domain message (checked against the oracle: test/conformance/).
 */
const domainError = (domain: DomainErrorName, message: string) =>
  new FlowgladApiError('INTERNAL_SERVER_ERROR', message, undefined, domain)

/** Shorthand for the most common domain failure. */
export const notFound = (what: string, id: string) =>
  new FlowgladApiError('NOT_FOUND', `${what} ${id} not found`)

/** Shorthand for a request that is well-formed but not allowed in the current state. */
export const badRequest = (message: string) => new FlowgladApiError('BAD_REQUEST', message)

/** Flowglad's `ValidationError(field, reason)` (src/errors.ts): a 500 `Invalid <field>: <reason>`. */
export const validationError = (field: string, reason: string) =>
  domainError('ValidationError', `Invalid ${field}: ${reason}`)

/** Flowglad's `ConflictError(resource, conflict)`: a 500 `<resource> conflict: <conflict>`. */
export const conflictError = (resource: string, conflict: string) =>
  domainError('ConflictError', `${resource} conflict: ${conflict}`)

/** Flowglad's domain `NotFoundError(resource, id)`: a 500 `<resource> not found: <id>`. */
export const domainNotFound = (resource: string, id: string) =>
  domainError('NotFoundError', `${resource} not found: ${id}`)

/** Flowglad's `TerminalStateError(resource, id, state)`: a 500 `<resource> <id> is in terminal state: <state>`. */
export const terminalStateError = (resource: string, id: string, state: string) =>
  domainError('TerminalStateError', `${resource} ${id} is in terminal state: ${state}`)

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

/**
 * Runs a step whose Result Flowglad `.unwrap()`s (e.g. `adjustSubscriptionProcedure`'s
 * `result.unwrap()`): a domain error it throws becomes the panic, `Unwrap called on Err: <Class>: …`.
 */
export function unwrapped<T>(step: () => T): T {
  try {
    return step()
  } catch (error) {
    if (error instanceof FlowgladApiError && error.domain) throw panicOf(error, error.domain)
    throw error
  }
}
