import type { BrowserContext } from 'playwright-core'

/** Counts the browser's /api/trpc requests (each batched HTTP request counts once). */
export function countTrpcRequests(context: BrowserContext): { reset: () => void; count: () => number } {
  let count = 0
  context.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/trpc')) count++
  })
  return {
    reset: () => {
      count = 0
    },
    count: () => count,
  }
}

/** One upstream call as the emulator logged it. */
export interface UpstreamRequest {
  method: string
  path: string
  status: number
}

/**
 * Reads and clears the emulator's upstream request log (`/_emulator/requests`). The control API
 * needs the emulator's key; the app's own emulator runs with the default one.
 */
export function upstreamLog(emulatorURL: string, apiKey = 'sk_test_flowglad_emulator') {
  const endpoint = `${emulatorURL}/_emulator/requests`
  const headers = { authorization: apiKey }
  return {
    clear: async (): Promise<void> => {
      const response = await fetch(endpoint, { method: 'DELETE', headers })
      if (!response.ok) throw new Error(`DELETE ${endpoint} answered ${response.status}`)
    },
    read: async (): Promise<UpstreamRequest[]> => {
      const response = await fetch(endpoint, { headers })
      if (!response.ok) throw new Error(`GET ${endpoint} answered ${response.status}`)
      const body = (await response.json()) as UpstreamRequest[] | { requests: UpstreamRequest[] }
      const requests = Array.isArray(body) ? body : body.requests
      // The log also records the emulator's own pages (checkout, portal): keep API calls only.
      return requests.filter((request) => request.path.startsWith('/api/'))
    },
  }
}
