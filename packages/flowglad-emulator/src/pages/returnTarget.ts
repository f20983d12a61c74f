/** Where a hosted page may send the browser back to. */
export type ReturnTarget =
  | { kind: 'follow'; url: string }
  /** Shown as text, never linked or redirected to. */
  | { kind: 'show'; text: string; reason: string }

/** The origin of an absolute http(s) URL, or null for anything else (`javascript:`, relative, junk). */
export function httpOrigin(raw: string | null | undefined): string | null {
  if (!raw) return null
  try {
    const url = new URL(raw)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null
  } catch {
    return null
  }
}

/**
 * Whether a page may link or redirect to `raw`: only an absolute http(s) URL whose origin is one the
 * emulator was given (`--app-origin`) or one it trusts for this page (the checkout's own
 * `successUrl` origin). Anything else is shown, not followed, so the emulator is never an open
 * redirect and never sends a `javascript:` URL to a browser.
 */
export function returnTarget(raw: string, trustedOrigins: ReadonlySet<string>): ReturnTarget {
  const origin = httpOrigin(raw)
  if (origin === null) return { kind: 'show', text: raw, reason: 'it is not an http(s) URL' }
  if (!trustedOrigins.has(origin))
    return {
      kind: 'show',
      text: raw,
      reason: `${origin} is not an app origin this emulator was given (--app-origin)`,
    }
  return { kind: 'follow', url: new URL(raw).href }
}
