import { TRPCError } from '@trpc/server'

/**
 * `instanceof TRPCError` that also accepts a TRPCError from another copy of `@trpc/server`.
 * Next.js bundles server code once per entry (route handler, RSC, server action), so a Flowglad
 * client shared across them meets errors built by another copy; tRPC's own
 * `getTRPCErrorFromUnknown` recognises those by name too.
 */
export function isTRPCError(error: unknown): error is TRPCError {
  return error instanceof TRPCError || (error instanceof Error && error.name === 'TRPCError')
}
