import { createEmulatorHandler } from './http/createEmulatorHandler'
import { createEmulatorControl, type EmulatorControl } from './http/EmulatorControl'
import { DroppedConnectionError, FaultInjector } from './http/FaultInjector'
import { RequestLog } from './http/RequestLog'
import { type FilePersistence, persistToFile, readStateFile } from './node/filePersistence'
import { loadPricingModel } from './node/loadPricingModel'
import { type EmulatorServer, startEmulatorServer } from './node/startEmulatorServer'
import { handlePageRequest } from './pages/handlePageRequest'
import { advanceClock } from './state/advanceClock'
import { completeCheckoutSession } from './state/completeCheckoutSession'
import { DEFAULT_API_KEY } from './state/constants'
import { EmulatorStore } from './state/EmulatorStore'
import type { PricingModelInput } from './state/pricingSetupSchema'

/** How to start an emulator. Every option has a working default. */
export interface EmulatorOptions {
  /** Path to a YAML/JSON pricing setup file, or an already-parsed object; default: the built-in model. */
  pricing?: string | PricingModelInput
  /** The API key it accepts; default `sk_test_flowglad_emulator`. */
  apiKey?: string
  /** Persist state here; survives restarts; writes are atomic (temp file + fsync + rename). */
  dataFile?: string
  /** 0 (default) = an ephemeral port. */
  port?: number
  /** Default `127.0.0.1`. */
  host?: string
  /** Default true; false = in-process only (`url` is then a placeholder origin for the client). */
  listen?: boolean
}

/** A running emulator. */
export interface Emulator {
  /** Base URL for `@flowglad/node`'s `baseURL`; hosted pages live under it too. */
  url: string
  apiKey: string
  /** In-process fetch, no socket: same state and request log as HTTP. */
  fetch: typeof globalThis.fetch
  /** The web-standard handler behind both `fetch` and the node:http server. */
  handle(request: Request): Promise<Response>
  control: EmulatorControl
  /** Stops the server and flushes state to `dataFile`; calling it again is a no-op. */
  close(): Promise<void>
}

const IN_PROCESS_ORIGIN = 'http://flowglad-emulator.local'

/** Starts a local, stateful Flowglad API that the official `@flowglad/node` client talks to unmodified. */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const catalog = loadPricingModel(options.pricing)
  const data = options.dataFile ? readStateFile(options.dataFile) : undefined
  const store = new EmulatorStore(catalog, { baseUrl: IN_PROCESS_ORIGIN, ...(data ? { data } : {}) })
  const apiKey = options.apiKey ?? DEFAULT_API_KEY
  const log = new RequestLog()
  const faults = new FaultInjector()
  const control = createEmulatorControl(store, log, faults, { completeCheckoutSession, advanceClock })
  const handle = createEmulatorHandler({
    store,
    apiKey,
    log,
    faults,
    control,
    pages: (request, url) => handlePageRequest(request, url, store),
  })
  const persistence: FilePersistence | undefined = options.dataFile
    ? persistToFile(store, options.dataFile)
    : undefined

  let server: EmulatorServer | undefined
  if (options.listen !== false) {
    server = await startEmulatorServer(handle, {
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.host ? { host: options.host } : {}),
    })
    store.baseUrl = server.url
  }

  const inProcessFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    try {
      return await handle(request)
    } catch (error) {
      // Same shape as a real network failure, so clients retry or surface it as they would.
      if (error instanceof DroppedConnectionError) throw new TypeError('fetch failed', { cause: error })
      throw error
    }
  }

  let closing: Promise<void> | undefined
  return {
    url: store.baseUrl,
    apiKey,
    fetch: inProcessFetch as typeof globalThis.fetch,
    handle,
    control,
    close: () => {
      closing ??= (async () => {
        await server?.close()
        await persistence?.close()
      })()
      return closing
    },
  }
}
