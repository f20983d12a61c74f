// Svix's signature scheme, with Web Crypto only (runs on Node 18+, Deno, Bun and edge runtimes):
// `svix-signature` holds space-separated `v1,<base64 HMAC-SHA256>` entries over
// `${svix-id}.${svix-timestamp}.${body}`, keyed with the base64 bytes after `whsec_`.

/** Why a signature was not accepted. */
export type SignatureFailure =
  | 'missing_headers'
  | 'bad_timestamp'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'bad_signature'

/** The three signing headers of one delivery. */
export interface SvixHeaders {
  readonly id: string
  readonly timestamp: string
  readonly signature: string
}

/** Options of `verifySvixSignature`. */
export interface VerifySignatureOptions {
  /** How far the signed time may be from now, either way, in seconds (Svix: 300). */
  readonly toleranceSeconds: number
  /** Current time in epoch ms. */
  readonly now: number
}

const encoder = new TextEncoder()

/** The key bytes of a `whsec_…` secret; throws a TypeError (synchronously) for a secret that is not one. */
export function signingKeyBytes(secret: string): Uint8Array<ArrayBuffer> {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret
  let bytes: Uint8Array<ArrayBuffer>
  try {
    bytes = base64ToBytes(encoded)
  } catch {
    throw new TypeError('flowglad-trpc: the webhook secret must be `whsec_` followed by base64')
  }
  if (bytes.length < 16)
    throw new TypeError('flowglad-trpc: the webhook secret is too short (under 16 bytes)')
  return bytes
}

/** The HMAC key of a `whsec_…` secret. */
export async function importSigningKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', signingKeyBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    usage,
  ])
}

/** Decodes standard base64; throws on anything else. */
function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new TypeError('not base64')
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Reads the signing headers (`svix-*`, or Standard Webhooks' `webhook-*`); undefined when one is missing. */
export function readSvixHeaders(headers: Headers): SvixHeaders | undefined {
  const id = headers.get('svix-id') ?? headers.get('webhook-id')
  const timestamp = headers.get('svix-timestamp') ?? headers.get('webhook-timestamp')
  const signature = headers.get('svix-signature') ?? headers.get('webhook-signature')
  if (!id || !timestamp || !signature) return undefined
  return { id, timestamp, signature }
}

/**
 * Checks one delivery's signature and time. Each candidate signature is compared by
 * `crypto.subtle.verify`, which compares in constant time; the time is checked first (cheap).
 */
export async function verifySvixSignature(
  key: CryptoKey,
  headers: SvixHeaders,
  body: string,
  options: VerifySignatureOptions,
): Promise<SignatureFailure | undefined> {
  if (!/^\d{1,12}$/.test(headers.timestamp)) return 'bad_timestamp'
  const signedAt = Number(headers.timestamp)
  const nowSeconds = Math.floor(options.now / 1000)
  if (nowSeconds - signedAt > options.toleranceSeconds) return 'stale_timestamp'
  if (signedAt - nowSeconds > options.toleranceSeconds) return 'future_timestamp'
  const signed = encoder.encode(`${headers.id}.${headers.timestamp}.${body}`)
  let valid = false
  // Every candidate is checked (no early exit), so timing does not tell which one matched.
  for (const entry of headers.signature.trim().split(/\s+/).slice(0, 16)) {
    const comma = entry.indexOf(',')
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue
    let candidate: Uint8Array<ArrayBuffer>
    try {
      candidate = base64ToBytes(entry.slice(comma + 1))
    } catch {
      continue
    }
    if (await crypto.subtle.verify('HMAC', key, candidate, signed)) valid = true
  }
  return valid ? undefined : 'bad_signature'
}

/** The `svix-signature` value for a body (`v1,<base64>`): for senders and tests. */
export async function signSvixPayload(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const key = await importSigningKey(secret, 'sign')
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, encoder.encode(`${id}.${timestamp}.${body}`)),
  )
  let binary = ''
  for (const byte of mac) binary += String.fromCharCode(byte)
  return `v1,${btoa(binary)}`
}
