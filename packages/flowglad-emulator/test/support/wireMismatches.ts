import { describeMismatches } from './conformanceClient'
import type { ValidatedExchange } from './openapi'

/**
 * Flowglad's server sends a list's `currentCursor`/`nextCursor` as `null` where the spec and
 * `@flowglad/node`'s types say `string | undefined` (SPEC-NOTES.md "Wire vs spec"), so the
 * emulator does too; that one known difference aside, every mismatch counts.
 */
const NULL_CURSOR = /^\S+ \(GET [^)]+\): \/(currentCursor|nextCursor) must be string$/

/** `describeMismatches` less the known null-cursor lines of list answers. */
export function wireMismatches(exchanges: readonly ValidatedExchange[]): string[] {
  return describeMismatches(exchanges).filter((line) => !NULL_CURSOR.test(line))
}
