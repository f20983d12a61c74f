import { createEmulatorCore, type EmulatorCore } from './createEmulatorCore'
import type { EmulatorControl } from './http/EmulatorControl'
import { answerWhenSaved, replyWhenSaved } from './node/answerWhenSaved'
import { type FilePersistence, persistToFile, readDataFile } from './node/filePersistence'
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
   * once it is on disk (an append-only journal: concurrent writes share one append + fdatasync,
   * compacted in the background; files written before the journal still load).
   */
  dataFile?: string
  /** 0 (default) = an ephemeral port. */
  port?: number
  /** Default `127.0.0.1`. */
  host?: string
  /** Default true; false = in-process only (`url` is then a placeholder origin for the client). */
  listen?: boolean
  /** Largest request body the HTTP server reads (413 past it); default 1 MiB. */
  maxBodyBytes?: number
  /**
   * Origins of the app(s) using the emulator (`http://localhost:3000`): the hosted pages link or
   * redirect back only to these, or to the origin of the checkout's own `successUrl`.
   */
  appOrigins?: string[]
  /** The seller name the checkout and portal pages show (Flowglad shows the organization's); default `Test merchant`. */
  merchantName?: string
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
  const loaded = options.dataFile ? readDataFile(options.dataFile) : undefined
  const data = loaded?.data
  let core: EmulatorCore
  try {
    core = createEmulatorCore({
      catalog,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(data ? { data } : {}),
      ...(options.appOrigins ? { appOrigins: options.appOrigins } : {}),
      ...(options.merchantName ? { merchantName: options.merchantName } : {}),
      ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    })
  } catch (error) {
    // Name the file: the fix is in it (or in the pricing file it was saved under).
    if (error instanceof PricingModelError)
      throw new PricingModelError(`${options.dataFile}: ${error.message}`)
    throw error
  }
  const persistence: FilePersistence | undefined = options.dataFile
    ? persistToFile(core.store, options.dataFile, { loaded })
    : undefined
  // With a data file, a write is answered only once it is on disk (survives kill -9).
  // The request log records what the client received: a write whose save failed is logged as its 500.
  const replaced = (answer: object, status: number) => core.log.replaced(answer, status)
  const handle = persistence ? answerWhenSaved(core.handle, persistence, replaced) : core.handle
  const fetch = persistence
    ? (answerWhenSaved(core.fetch, persistence, replaced) as typeof core.fetch)
    : core.fetch
  const api = persistence ? replyWhenSaved(core.answerApi, persistence, replaced) : core.answerApi

  let server: EmulatorServer | undefined
  if (options.listen !== false) {
    server = await startEmulatorServer(handle, {
      api,
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.host ? { host: options.host } : {}),
      ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
      screen: core.screen,
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
