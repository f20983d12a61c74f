import Flowglad from '@flowglad/node'
import { createEmulator, type Emulator } from '../../src/index'
import { type ValidatedExchange, type ValidatingFetch, validatingFetch } from './openapi'

/** An emulator plus a real `@flowglad/node` client whose every JSON response is checked against the spec. */
export interface ConformanceRig {
  emulator: Emulator
  client: Flowglad
  fetch: ValidatingFetch
  close(): Promise<void>
}

/**
 * In-process by default (the client's `fetch` is the emulator's own); `overHttp` uses the global
 * fetch against the listening server instead, so the node:http adapter is covered too.
 * `maxRetries: 0` keeps one request per call, so a 5xx is reported as-is instead of being retried.
 */
export async function createConformanceRig(options: { overHttp?: boolean } = {}): Promise<ConformanceRig> {
  const emulator = await createEmulator({ listen: options.overHttp === true })
  const fetch = validatingFetch(options.overHttp ? globalThis.fetch : emulator.fetch)
  const client = new Flowglad({ apiKey: emulator.apiKey, baseURL: emulator.url, fetch, maxRetries: 0 })
  return { emulator, client, fetch, close: () => emulator.close() }
}

/** One line per mismatch, ready for `expect(...).toEqual([])` diffs and the SPEC-NOTES list. */
export function describeMismatches(exchanges: readonly ValidatedExchange[]): string[] {
  return exchanges.flatMap(({ result, method, path, status }) =>
    result.ok
      ? []
      : result.errors.map((error) => `${result.operation} (${method} ${path} -> ${status}): ${error}`),
  )
}
