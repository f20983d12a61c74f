import { createEmulatorHandler } from './http/createEmulatorHandler'
import { createEmulatorControl, type EmulatorControl } from './http/EmulatorControl'
import { DroppedConnectionError, FaultInjector } from './http/FaultInjector'
import { RequestLog } from './http/RequestLog'
import { handlePageRequest } from './pages/handlePageRequest'
import type { Catalog } from './state/catalog/buildCatalog'
import { checkDataAgainstCatalog } from './state/catalog/checkDataAgainstCatalog'
import { completeCheckoutSession } from './state/checkout/completeCheckoutSession'
import { DEFAULT_API_KEY } from './state/constants'
import type { EmulatorData } from './state/EmulatorData'
import { EmulatorStore } from './state/EmulatorStore'
import { onEmulatorEvent } from './state/events/emitEvent'
import { advanceClock } from './state/subscriptions/advanceClock'
import {
  createWebhookDispatcher,
  type WebhookControl,
  type WebhookOptions,
} from './webhooks/WebhookDispatcher'
import { webhooksPage } from './webhooks/webhooksPage'

/** What the runtime-agnostic emulator needs: an already-loaded catalog, optionally restored data. */
export interface EmulatorCoreOptions {
  catalog: Catalog
  apiKey?: string
  data?: EmulatorData
  /** Origin hosted-page URLs are built on; default `http://flowglad-emulator.local`. */
  baseUrl?: string
  /** Webhook endpoints and signing secret; endpoints can also be added later (`webhooks.addEndpoint`). */
  webhooks?: WebhookOptions
}

/** The emulator without sockets or files: runs anywhere with web `Request`/`Response` (edge, workers, browsers). */
export interface EmulatorCore {
  store: EmulatorStore
  apiKey: string
  handle(request: Request): Promise<Response>
  /** In-process fetch; an injected dropped connection rejects with a `TypeError`, like a network failure. */
  fetch: typeof globalThis.fetch
  control: EmulatorControl
  /** Webhook endpoints, deliveries and redelivery (also `control.webhooks`). */
  webhooks: WebhookControl
}

/** Placeholder origin for in-process use, when nothing listens. */
export const IN_PROCESS_ORIGIN = 'http://flowglad-emulator.local'

/** Builds the emulator's state, handler and control surface; `createEmulator` adds the node parts. */
export function createEmulatorCore(options: EmulatorCoreOptions): EmulatorCore {
  if (options.data) checkDataAgainstCatalog(options.data, options.catalog)
  const store = new EmulatorStore(options.catalog, {
    baseUrl: options.baseUrl ?? IN_PROCESS_ORIGIN,
    ...(options.data ? { data: options.data } : {}),
  })
  const apiKey = options.apiKey ?? DEFAULT_API_KEY
  const log = new RequestLog()
  const faults = new FaultInjector()
  const webhooks = createWebhookDispatcher(options.webhooks)
  onEmulatorEvent(store, webhooks.dispatch)
  const control = createEmulatorControl(
    store,
    log,
    faults,
    { completeCheckoutSession, advanceClock },
    webhooks,
  )
  const handle = createEmulatorHandler({
    store,
    apiKey,
    log,
    faults,
    control,
    pages: async (request, url) =>
      webhooksPage(request, url, webhooks) ?? handlePageRequest(request, url, store),
  })
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    try {
      return await handle(new Request(input, init))
    } catch (error) {
      // Same shape as a real network failure, so clients retry or surface it as they would.
      if (error instanceof DroppedConnectionError) throw new TypeError('fetch failed', { cause: error })
      throw error
    }
  }
  return { store, apiKey, handle, fetch: fetch as typeof globalThis.fetch, control, webhooks }
}
