import type { FlowgladErrorData } from '../../core/errors'

/**
 * A failed Flowglad call as this library understood it: a readable message (from Flowglad's own
 * error body, never raw JSON) and its `data`. It is the `cause` of the `TRPCError` the procedures
 * throw; the error from `@flowglad/node` (or the network) is its own `cause`, for logs.
 */
export class FlowgladUpstreamError extends Error {
  override readonly name = 'FlowgladUpstreamError'
  /** What went wrong, for the app's error formatter and logs (no secret in it). */
  readonly data: FlowgladErrorData
  /** Flowglad's HTTP status when it answered (mirrors `data.status`, like `@flowglad/node`'s errors). */
  readonly status: number | undefined

  constructor(message: string, data: FlowgladErrorData, options?: { cause?: unknown }) {
    super(message, options)
    this.data = data
    this.status = data.status
  }
}

/** Finds the `FlowgladUpstreamError` in an error's `cause` chain (the error itself included). */
export function findUpstreamError(error: unknown): FlowgladUpstreamError | undefined {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current instanceof Error && !seen.has(current)) {
    if (current instanceof FlowgladUpstreamError) return current
    seen.add(current)
    current = current.cause
  }
  return undefined
}

/**
 * What the library knows about a failed Flowglad call, from a `TRPCError` a Flowglad procedure
 * threw (or any error in its chain); undefined for other errors. Use it in the app's tRPC
 * `errorFormatter` to send `data.flowglad` (outcome, retryAfterMs, requestId) to clients.
 */
export function getFlowgladErrorData(error: unknown): FlowgladErrorData | undefined {
  return findUpstreamError(error)?.data
}
