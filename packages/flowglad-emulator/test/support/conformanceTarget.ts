import Flowglad from '@flowglad/node'
import { createEmulator } from '../../src/index'
import { type ValidatingFetch, validatingFetch } from './openapi'

/** Where the portable conformance suite runs: the in-process emulator, or real Flowglad test mode. */
export interface ConformanceTarget {
  kind: 'emulator' | 'flowglad'
  /** `@flowglad/node` with every response recorded (and 2xx checked against the spec). */
  client: Flowglad
  fetch: ValidatingFetch
  /** Base URL and key, for raw requests the client cannot make (bad JSON, odd auth headers). */
  baseURL: string
  apiKey: string
  /** A fresh externalId: unique per run, so a shared test-mode organisation never collides. */
  newExternalId(label: string): string
  /** Archives every customer this target created (archiving cancels their subscriptions). */
  cleanup(): Promise<void>
  close(): Promise<void>
}

/** The environment that switches the suite to real Flowglad. */
export const CONFORMANCE_KEY_ENV = 'FLOWGLAD_CONFORMANCE_SECRET_KEY'
export const CONFORMANCE_URL_ENV = 'FLOWGLAD_CONFORMANCE_BASE_URL'

/**
 * Real Flowglad when `FLOWGLAD_CONFORMANCE_SECRET_KEY` holds a test-mode key (`sk_test_…`; a live
 * key is refused), else the emulator. The key never appears in a message.
 */
export async function openConformanceTarget(): Promise<ConformanceTarget> {
  const key = process.env[CONFORMANCE_KEY_ENV]
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  const created: string[] = []
  const newExternalId = (label: string) => {
    const id = `conf_${run}_${label}`
    created.push(id)
    return id
  }
  const withClient = (
    kind: ConformanceTarget['kind'],
    baseURL: string,
    apiKey: string,
    inner: typeof fetch,
  ) => {
    const fetch = validatingFetch(inner)
    // maxRetries 0: a write is sent once, and a 5xx is seen as Flowglad sent it.
    const client = new Flowglad({ apiKey, baseURL, fetch, maxRetries: 0 })
    const cleanup = async () => {
      for (const externalId of created.splice(0)) {
        await client.post(`/api/v1/customers/${externalId}/archive`, { body: {} }).catch(() => undefined)
      }
    }
    return { kind, client, fetch, baseURL, apiKey, newExternalId, cleanup }
  }
  if (key) {
    if (!key.startsWith('sk_test_'))
      throw new Error(`${CONFORMANCE_KEY_ENV} must be a test-mode key (sk_test_…)`)
    const baseURL = process.env[CONFORMANCE_URL_ENV] ?? 'https://app.flowglad.com'
    const target = withClient('flowglad', baseURL, key, globalThis.fetch)
    return { ...target, close: () => target.cleanup() }
  }
  const emulator = await createEmulator({ listen: false })
  const target = withClient('emulator', emulator.url, emulator.apiKey, emulator.fetch)
  return {
    ...target,
    close: async () => {
      await target.cleanup()
      await emulator.close()
    },
  }
}
