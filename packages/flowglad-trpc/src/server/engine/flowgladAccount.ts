// What this server knows that its clients do not: the Flowglad API key. Store keys are scoped by a
// hash of it (two apps on one Redis never share a ledger), and spend transactionIds are an HMAC
// under it (a client cannot predict, and so cannot pre-record, the id its spend will use).
// Web Crypto only, so the request path runs on edge runtimes too.

/** One Flowglad account as the gates see it. */
export interface FlowgladAccount {
  /** A short hash of the key and endpoint: the first part of every store key of this account. */
  readonly namespace: string
  /** An HMAC of `parts` under the account's secret, as hex. */
  sign(parts: readonly string[]): Promise<string>
  /** A SHA-256 of `parts`, as hex (no secret: for comparing inputs). */
  digest(parts: readonly string[]): Promise<string>
}

const encoder = new TextEncoder()

/** Hex of a buffer. */
function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * Joins key parts so that no two lists of parts give the same key: each part is percent-encoded,
 * so a `:` inside a slug or an id can never pass for the separator.
 */
export function keyOf(...parts: readonly string[]): string {
  return parts.map(encodeURIComponent).join(':')
}

/** The account of `secret` (the Flowglad API key) at `baseURL`. */
export async function createFlowgladAccount(secret: string, baseURL = ''): Promise<FlowgladAccount> {
  const subtle = globalThis.crypto.subtle
  const digest = async (parts: readonly string[]) =>
    hex(await subtle.digest('SHA-256', encoder.encode(keyOf(...parts))))
  const hmacKey = await subtle.importKey(
    'raw',
    encoder.encode(`flowglad-trpc/spend\u0000${secret}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return {
    namespace: (await digest(['flowglad-trpc/account', secret, baseURL])).slice(0, 16),
    sign: async (parts) => hex(await subtle.sign('HMAC', hmacKey, encoder.encode(keyOf(...parts)))),
    digest,
  }
}
