/** Flowglad's error codes (openapi `components.schemas["error.*"]`). */
export type FlowgladErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'INTERNAL_SERVER_ERROR'

/** A domain failure the HTTP layer turns into `{ code, message, issues? }` with the matching status. */
export class FlowgladApiError extends Error {
  override readonly name = 'FlowgladApiError'
  constructor(
    readonly code: FlowgladErrorCode,
    message: string,
    readonly issues?: Array<{ message: string }>,
  ) {
    super(message)
  }
}

/** Shorthand for the most common domain failure. */
export const notFound = (what: string, id: string) =>
  new FlowgladApiError('NOT_FOUND', `${what} ${id} not found`)

/** Shorthand for a request that is well-formed but not allowed in the current state. */
export const badRequest = (message: string) => new FlowgladApiError('BAD_REQUEST', message)
