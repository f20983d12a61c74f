import type { Page } from 'playwright-core'

/** How a burst of parallel spends from the browser ended. */
export interface SpendRace {
  /** Calls the server accepted (HTTP 200). */
  succeeded: number
  /** Calls the spend gate refused for lack of credits (403, refusal `insufficient_balance`). */
  refused: number
  /** Any other outcome, as `status reason/message`: there must be none. */
  otherFailures: string[]
  /** The smallest balance a refusal reported (what was left while the burst ran). */
  lowestReportedBalance: number | null
}

/**
 * Fires `parallel` calls of `usage.callApi({ calls })` at once from the page itself: separate HTTP
 * requests (no batching) with the user's session cookie, as several tabs or a script would send
 * them. A string, not a function: the test runner's transpiler would add helpers the page lacks.
 */
const burst = (parallel: number, calls: number) => `Promise.all(Array.from({ length: ${parallel} }, () =>
  fetch('/api/trpc/usage.callApi', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: { calls: ${calls} } }),
  }).then(async (response) => ({ status: response.status, body: await response.json() }))
))`

interface TrpcErrorBody {
  error?: { json?: { message?: string; data?: { flowgladRefusal?: { reason?: string; balance?: number } } } }
}

/** Runs the burst and sorts the answers. */
export async function raceSpends(page: Page, { parallel, calls }: { parallel: number; calls: number }) {
  const answers = (await page.evaluate(burst(parallel, calls))) as { status: number; body: TrpcErrorBody }[]
  const race: SpendRace = { succeeded: 0, refused: 0, otherFailures: [], lowestReportedBalance: null }
  for (const { status, body } of answers) {
    const refusal = body.error?.json?.data?.flowgladRefusal
    if (status === 200) race.succeeded++
    else if (status === 403 && refusal?.reason === 'insufficient_balance') {
      race.refused++
      const balance = refusal.balance ?? Number.NaN
      race.lowestReportedBalance = Math.min(race.lowestReportedBalance ?? balance, balance)
    } else race.otherFailures.push(`${status} ${refusal?.reason ?? body.error?.json?.message ?? '?'}`)
  }
  return race
}
