import { FlowgladApiError } from '../state/FlowgladApiError'
import { authorize } from './authorize'
import { errorResponse } from './errorResponse'

/** What a control request is checked against. */
export interface ControlGuardOptions {
  apiKey: string
  /** The emulator's own origin (`http://127.0.0.1:7777`): the only one a browser may call from. */
  selfOrigin: string
}

const refuse = (message: string) => errorResponse(new FlowgladApiError('FORBIDDEN', message))

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]'])
const ANY_INTERFACE = new Set(['0.0.0.0', '[::]'])

/**
 * Whether a `Host` header names this emulator. A DNS-rebinding page reaches a loopback server under
 * its own name (`evil.example:7777`), same-origin to the browser; refusing foreign host names stops
 * it. Bound to every interface (`--host 0.0.0.0`), any name may be legitimate, so none is refused.
 */
function isOwnHost(host: string, selfOrigin: string): boolean {
  const self = new URL(selfOrigin)
  if (ANY_INTERFACE.has(self.hostname)) return true
  let hostname: string
  try {
    hostname = new URL(`http://${host}`).hostname
  } catch {
    return false
  }
  return hostname === self.hostname || LOOPBACK_NAMES.has(hostname) || hostname.endsWith('.localhost')
}

/**
 * Lets a `/_emulator/*` request through only if no other site can have sent it:
 * - the API key in `Authorization` (as on `/api/v1`), so a browser must preflight and a page that
 *   does not hold the key can do nothing;
 * - no foreign `Origin`, no cross-site `Sec-Fetch-Site`, and a `Host` that names this emulator
 *   (a DNS-rebinding page calls it under the attacker's own host name);
 * - a POST must say `content-type: application/json`: the three types a cross-site form or
 *   `fetch` may send without a preflight (`text/plain`, urlencoded, multipart) are refused.
 * Runs on headers alone, before any body is read. Null when the request may proceed.
 */
export function guardControlRequest(
  method: string,
  headers: Headers,
  options: ControlGuardOptions,
): Response | null {
  const host = headers.get('host')
  if (host !== null && !isOwnHost(host, options.selfOrigin))
    return refuse(`Control requests for another host (${host}) are refused`)
  const origin = headers.get('origin')
  if (origin !== null && origin !== options.selfOrigin)
    return refuse(`Control requests from another origin (${origin}) are refused`)
  const site = headers.get('sec-fetch-site')
  if (site !== null && site !== 'same-origin' && site !== 'none')
    return refuse(`Control requests from another site (Sec-Fetch-Site: ${site}) are refused`)
  const unauthorized = authorize({ headers }, options.apiKey)
  if (unauthorized) return unauthorized
  if (method === 'POST' && !/^application\/json\s*(;|$)/i.test(headers.get('content-type') ?? ''))
    return errorResponse(
      new FlowgladApiError('BAD_REQUEST', 'Control POSTs need content-type: application/json'),
    )
  return null
}
