import { hmacSha256 } from './hmacSha256'

/** How long a portal link works: an app fetches billing (and a fresh link) each time it shows one. */
export const PORTAL_LINK_TTL_MS = 60 * 60 * 1000

const encoder = new TextEncoder()

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

/**
 * Signed, expiring billing-portal links: `/portal/{externalId}?expires={s}&signature={mac}`, an
 * HMAC-SHA256 under a key drawn when the emulator starts. Flowglad's own portal asks the customer to
 * sign in (magic link or code); a link that only the API key holder can mint stands in for that,
 * so nobody who merely knows an `externalId` sees a customer's billing. Links die with the process.
 * Expiry is wall-clock, not the virtual clock a test may move.
 */
export class PortalLinks {
  private readonly key = globalThis.crypto.getRandomValues(new Uint8Array(32))
  private readonly issued = new Map<string, { expires: number; query: string }>()

  constructor(private readonly now: () => number = Date.now) {}

  /** The query string (`expires=…&signature=…`) for a customer; reused while over half its life remains. */
  query(externalId: string): string {
    const cached = this.issued.get(externalId)
    if (cached && cached.expires * 1000 - this.now() > PORTAL_LINK_TTL_MS / 2) return cached.query
    const expires = Math.floor((this.now() + PORTAL_LINK_TTL_MS) / 1000)
    const query = `expires=${expires}&signature=${this.sign(externalId, expires)}`
    this.issued.set(externalId, { expires, query })
    return query
  }

  /** Why a link does not open the portal, or null when it does. */
  refusal(externalId: string, params: URLSearchParams): string | null {
    const expires = Number(params.get('expires'))
    const signature = params.get('signature') ?? ''
    if (!Number.isInteger(expires) || signature === '')
      return 'This billing portal link is incomplete. Open the portal from the app again.'
    if (!timingSafeEqual(signature, this.sign(externalId, expires)))
      return 'This billing portal link is not valid. Open the portal from the app again.'
    if (expires * 1000 <= this.now())
      return 'This billing portal link has expired. Open the portal from the app again.'
    return null
  }

  private sign(externalId: string, expires: number): string {
    return base64url(hmacSha256(this.key, encoder.encode(`portal\n${externalId}\n${expires}`)))
  }
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
