import Flowglad from '@flowglad/node'
import { createEmulator } from '../../src/index'
import { type ValidatingFetch, validatingFetch } from './openapi'

/**
 * Where the two-target conformance suite runs: the in-process emulator, Flowglad's real server run
 * offline here (the oracle, `../shared/flowglad-server/oracle.sh`), or real Flowglad test mode.
 */
export type ConformanceTargetKind = 'emulator' | 'oracle' | 'flowglad'

/** One opened target: a recorded `@flowglad/node` client plus what raw requests need. */
export interface ConformanceTarget {
  kind: ConformanceTargetKind
  /** `@flowglad/node` with every response recorded (and 2xx checked against the spec). */
  client: Flowglad
  fetch: ValidatingFetch
  /** Base URL and key, for raw requests the client cannot make (bad JSON, odd auth headers). */
  baseURL: string
  apiKey: string
  /** A fresh externalId, archived by `cleanup`: unique per run, so a shared organisation never collides. */
  newExternalId(label: string): string
  /** A fresh id for anything else a test names (transactionIds): unique per run, so a rerun never collides. */
  newId(label: string): string
  /** Archives every customer this target created (archiving cancels their subscriptions). */
  cleanup(): Promise<void>
  close(): Promise<void>
}

/** The environment that switches the suite away from the emulator. */
export const CONFORMANCE_KEY_ENV = 'FLOWGLAD_CONFORMANCE_SECRET_KEY'
export const CONFORMANCE_URL_ENV = 'FLOWGLAD_CONFORMANCE_BASE_URL'
/** Names the target explicitly (`oracle` or `flowglad`); else a loopback base URL means the oracle. */
export const CONFORMANCE_TARGET_ENV = 'FLOWGLAD_CONFORMANCE_TARGET'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])
/** How long `cleanup` archives for; the hooks that call it allow 300 s. */
const CLEANUP_BUDGET_MS = 120_000

/** Which target this run checks, decided from the environment alone (so test names can carry it). */
export function conformanceTargetKind(env: NodeJS.ProcessEnv = process.env): ConformanceTargetKind {
  if (!env[CONFORMANCE_KEY_ENV]) return 'emulator'
  const named = env[CONFORMANCE_TARGET_ENV]
  if (named === 'oracle' || named === 'flowglad') return named
  if (named) throw new Error(`${CONFORMANCE_TARGET_ENV} must be 'oracle' or 'flowglad', not '${named}'`)
  const baseURL = env[CONFORMANCE_URL_ENV]
  return baseURL && LOOPBACK.has(new URL(baseURL).hostname) ? 'oracle' : 'flowglad'
}

/**
 * The target `conformanceTargetKind` names: for the oracle and real Flowglad the key in
 * `FLOWGLAD_CONFORMANCE_SECRET_KEY` must be test-mode (`sk_test_…`; a live key is refused), the
 * URL comes from `FLOWGLAD_CONFORMANCE_BASE_URL`. The key never appears in a message.
 */
export async function openConformanceTarget(): Promise<ConformanceTarget> {
  const kind = conformanceTargetKind()
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  const created: string[] = []
  const newId = (label: string) => `conf_${run}_${label}`
  const newExternalId = (label: string) => {
    const id = newId(label)
    created.push(id)
    return id
  }
  const withClient = (baseURL: string, apiKey: string, inner: typeof fetch) => {
    const fetch = validatingFetch(inner)
    // maxRetries 0: a write is sent once, and a 5xx is seen as Flowglad sent it. The oracle runs
    // in dev mode (0.4–4 s a request, more while it compiles), so its client waits longer.
    const timeout = kind === 'emulator' ? 10_000 : 120_000
    const client = new Flowglad({ apiKey, baseURL, fetch, maxRetries: 0, timeout })
    // Best effort within a budget: what is left is unique to this run and harms no later one, and a
    // slow oracle (an archive cancels subscriptions: seconds each under load) must not fail a file
    // whose tests all passed by outlasting its afterAll hook.
    const cleanup = async () => {
      const stopAt = Date.now() + CLEANUP_BUDGET_MS
      for (const externalId of created.splice(0)) {
        if (Date.now() > stopAt) break
        await client.post(`/api/v1/customers/${externalId}/archive`, { body: {} }).catch(() => undefined)
      }
    }
    return { kind, client, fetch, baseURL, apiKey, newExternalId, newId, cleanup }
  }
  if (kind !== 'emulator') {
    const key = process.env[CONFORMANCE_KEY_ENV] ?? ''
    if (!key.startsWith('sk_test_'))
      throw new Error(`${CONFORMANCE_KEY_ENV} must be a test-mode key (sk_test_…)`)
    const baseURL = process.env[CONFORMANCE_URL_ENV] ?? 'https://app.flowglad.com'
    const target = withClient(baseURL, key, readsRetriedOnReset(globalThis.fetch))
    return { ...target, close: () => target.cleanup() }
  }
  const emulator = await createEmulator({ listen: false })
  const target = withClient(emulator.url, emulator.apiKey, emulator.fetch)
  return {
    ...target,
    close: async () => {
      await target.cleanup()
      await emulator.close()
    },
  }
}

/**
 * The oracle is Next's dev server, which drops a connection now and then (a reset while it
 * compiles or collects garbage). A GET that got no answer at all is sent again (twice at most):
 * a read changes nothing, and an answer of any status is never retried. Writes are sent once.
 */
function readsRetriedOnReset(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await inner(input, init)
      } catch (error) {
        if (method !== 'GET' || attempt > 2 || !(error instanceof TypeError)) throw error
        await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt))
      }
    }
  }
}
