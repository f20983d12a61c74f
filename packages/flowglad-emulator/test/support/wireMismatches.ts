import { describeMismatches } from './conformanceClient'
import type { ValidatedExchange } from './openapi'

/**
 * Flowglad's server sends a list's `currentCursor`/`nextCursor` as `null` where the spec and
 * `@flowglad/node`'s types say `string | undefined` (SPEC-NOTES.md "Wire vs spec"), so the
 * emulator does too; that one known difference aside, every mismatch counts.
 */
const NULL_CURSOR = /^\S+ \(GET [^)]+\): \/(currentCursor|nextCursor) must be string$/

/**
 * `FlowgladServer.uncancelSubscription` (@flowglad/server 0.18.0) posts `{}` to an operation the
 * spec documents without a body; Flowglad's route.ts reads it like any POST body, so it is accepted.
 */
const UNCANCEL_BODY =
  /^subscriptions-uncancel \(POST [^)]+\) accepted request: operation takes no JSON request body$/

/** `describeMismatches` less the two known, documented differences above. */
export function wireMismatches(exchanges: readonly ValidatedExchange[]): string[] {
  return describeMismatches(exchanges).filter((line) => !NULL_CURSOR.test(line) && !UNCANCEL_BODY.test(line))
}
