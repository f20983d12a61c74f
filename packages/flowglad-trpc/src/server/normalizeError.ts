import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@flowglad/node'
import { TRPCError } from '@trpc/server'
import {
  errorCodeByFailure,
  type FlowgladFailure,
  failureFromStatus,
  messageByFailure,
  redactSecret,
} from '../core/errors'
import { isTRPCError } from './isTRPCError'

/** Classifies anything thrown while talking to Flowglad. Timeout is tested first: it extends connection error. */
function classify(error: unknown): FlowgladFailure {
  if (error instanceof APIConnectionTimeoutError) return 'timeout'
  if (error instanceof APIConnectionError) return 'unreachable'
  if (error instanceof APIError && typeof error.status === 'number') return failureFromStatus(error.status)
  return 'unexpected'
}

/** The upstream body's own message (without the "<status> " prefix `@flowglad/node` adds), else the error's. */
function upstreamMessage(error: unknown): string {
  if (error instanceof APIError) {
    const body: unknown = error.error
    if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string')
      return body.message
  }
  return error instanceof Error ? error.message : 'Unknown error'
}

/** Scrubs the secret from an error in place, so the `cause` is safe to log or serialise. */
function scrub(error: unknown, secret: string | undefined): void {
  if (!secret || !(error instanceof Error)) return
  error.message = redactSecret(error.message, secret)
  if (error.stack) error.stack = redactSecret(error.stack, secret)
  if (error.cause) scrub(error.cause, secret)
}

/**
 * The one error boundary: turns anything thrown by a Flowglad operation into a `TRPCError` with the
 * right code, keeps the original as `cause`, and guarantees the API key appears in neither.
 */
export function normalizeError(error: unknown, secret: string | undefined): TRPCError {
  scrub(error, secret)
  if (isTRPCError(error)) return error
  const failure = classify(error)
  const message = messageByFailure[failure] ?? upstreamMessage(error)
  return new TRPCError({
    code: errorCodeByFailure[failure],
    message: redactSecret(message, secret),
    cause: error,
  })
}

/** True when `error` is an upstream response with this HTTP status. */
export function isUpstreamStatus(error: unknown, status: number): boolean {
  return error instanceof APIError && error.status === status
}
