import { TRPCError } from '@trpc/server'

/**
 * Checks checkout redirect URLs against the allowed origins, before any upstream call, so a
 * checkout cannot be turned into an open redirect. Absolute URLs are already enforced by the input.
 */
export function assertAllowedRedirects(
  allowed: ReadonlySet<string> | undefined,
  urls: Readonly<Record<string, string>>,
): void {
  if (!allowed) return
  for (const [field, url] of Object.entries(urls)) {
    if (!allowed.has(new URL(url).origin))
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `${field} must be on an allowed origin (${[...allowed].join(', ')})`,
      })
  }
}
