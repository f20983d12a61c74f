import type { EmulatorStore } from '../state/EmulatorStore'
import { authorize } from './authorize'
import { guardControlRequest } from './guardControlRequest'
import type { RequestLog } from './RequestLog'

/** Decides on method, URL and headers alone whether a request may go on; a refusal is its answer. */
export type RequestScreen = (method: string, url: URL, headers: Headers) => Response | null

/**
 * What a server checks before it reads a body: the key for `/api/*` (a refusal is logged like any
 * API request) and the control guard for `/_emulator/*`. Pages need no key. An unauthenticated
 * request therefore never makes the emulator buffer its body, however large.
 */
export function createRequestScreen(deps: {
  store: EmulatorStore
  apiKey: string
  log: RequestLog
}): RequestScreen {
  return (method, url, headers) => {
    if (url.pathname.startsWith('/_emulator/'))
      return guardControlRequest(method, headers, {
        apiKey: deps.apiKey,
        selfOrigin: new URL(deps.store.baseUrl).origin,
      })
    if (!url.pathname.startsWith('/api/')) return null
    const refused = authorize({ headers }, deps.apiKey)
    if (refused)
      deps.log.record({
        method,
        path: url.pathname,
        query: url.search,
        at: deps.store.now(),
        status: refused.status,
        durationMs: 0,
      })
    return refused
  }
}
