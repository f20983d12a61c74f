import { createEmulatorCore, type EmulatorCore } from './createEmulatorCore'
import type { EmulatorControl } from './http/EmulatorControl'
import { answerWhenSaved } from './node/answerWhenSaved'
import { type FilePersistence, persistToFile, readStateFile } from './node/filePersistence'
import { loadPricingModel } from './node/loadPricingModel'
import { type EmulatorServer, startEmulatorServer } from './node/startEmulatorServer'
import { PricingModelError } from './state/catalog/PricingModelError'
import type { PricingModelInput } from './state/catalog/pricingSetupSchema'
import type { WebhookControl, WebhookOptions } from './webhooks/WebhookDispatcher'

/** How to start an emulator. Every option has a working default. */
export interface EmulatorOptions {
  /** Path to a YAML/JSON pricing setup file, or an already-parsed object; default: the built-in model. */
  pricing?: string | PricingModelInput
  /** The API key it accepts; default `sk_test_flowglad_emulator`. */
  apiKey?: string
  /**
   * Persist state here (its folder is created); survives restarts and kill -9: a write is answered
   * once it is on disk (temp file + fsync + rename, concurrent writes share one save).
   */
  dataFile?: string
  /** 0 (default) = an ephemeral port. */
  port?: number
  /** Default `127.0.0.1`. */
  host?: string
  /** Default true; false = in-process only (`url` is then a placeholder origin for the client). */
  listen?: boolean
  /** Where to deliver Flowglad's webhooks (endpoints, secret, retry schedule). */
  webhooks?: WebhookOptions
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
  /** Webhook endpoints, the delivery log and redelivery. */
  webhooks: WebhookControl
  /** Stops the server and saves state to `dataFile` (rejects if that save fails); calling it again is a no-op. */
  close(): Promise<void>
}

/** Starts a local, stateful Flowglad API that the official `@flowglad/node` client talks to unmodified. */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const catalog = loadPricingModel(options.pricing)
  const data = options.dataFile ? readStateFile(options.dataFile) : undefined
  let core: EmulatorCore
  try {
    core = createEmulatorCore({
      catalog,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(data ? { data } : {}),
      ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    })
  } catch (error) {
    // Name the file: the fix is in it (or in the pricing file it was saved under).
    if (error instanceof PricingModelError)
      throw new PricingModelError(`${options.dataFile}: ${error.message}`)
    throw error
  }
  const persistence: FilePersistence | undefined = options.dataFile
    ? persistToFile(core.store, options.dataFile)
    : undefined
  // With a data file, a write is answered only once it is on disk (survives kill -9).
  const handle = persistence ? answerWhenSaved(core.handle, persistence) : core.handle
  const fetch = persistence ? (answerWhenSaved(core.fetch, persistence) as typeof core.fetch) : core.fetch

  let server: EmulatorServer | undefined
  if (options.listen !== false) {
    server = await startEmulatorServer(handle, {
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.host ? { host: options.host } : {}),
    })
    core.store.baseUrl = server.url
  }

  let closing: Promise<void> | undefined
  return {
    url: core.store.baseUrl,
    apiKey: core.apiKey,
    fetch,
    handle,
    control: core.control,
    webhooks: core.webhooks,
    close: () => {
      closing ??= (async () => {
        core.webhooks.close()
        await server?.close()
        await persistence?.close()
      })()
      return closing
    },
  }
}
