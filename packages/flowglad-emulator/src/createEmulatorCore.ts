import type { ApiReply, ApiRequest } from './http/ApiReply'
import { apiRoutes } from './http/apiRoutes'
import { createEmulatorHandler } from './http/createEmulatorHandler'
import { createRequestScreen, type RequestScreen } from './http/createRequestScreen'
import { createEmulatorControl, type EmulatorControl } from './http/EmulatorControl'
import { DroppedConnectionError, FaultInjector } from './http/FaultInjector'
import { answerApiRequest } from './http/handleApiRequest'
import { RequestLog } from './http/RequestLog'
import { ResponseJson } from './http/ResponseJson'
import { handlePageRequest } from './pages/handlePageRequest'
import { PortalLinks } from './pages/PortalLinks'
import { httpOrigin } from './pages/returnTarget'
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
  /** Origins hosted pages may link or redirect back to, besides a checkout's own `successUrl` origin. */
  appOrigins?: string[]
  /** The seller name checkout and portal show; default `Test merchant`. */
  merchantName?: string
  /** Webhook endpoints and signing secret; endpoints can also be added later (`webhooks.addEndpoint`). */
  webhooks?: WebhookOptions
}

/** The emulator without sockets or files: runs anywhere with web `Request`/`Response` (edge, workers, browsers). */
export interface EmulatorCore {
  store: EmulatorStore
  apiKey: string
  handle(request: Request): Promise<Response>
  /** `/api/*` without Web `Request`/`Response` objects: what the node server's hot path calls. */
  answerApi(request: ApiRequest): Promise<ApiReply>
  /** In-process fetch; an injected dropped connection rejects with a `TypeError`, like a network failure. */
  fetch: typeof globalThis.fetch
  control: EmulatorControl
  /** The checks a server runs on headers before reading a body (key, control guard). */
  screen: RequestScreen
  /** The API request log (also `control.requests()`); outer layers correct what the client got. */
  log: RequestLog
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
  const portalLinks = new PortalLinks()
  store.portalQuery = (externalId) => portalLinks.query(externalId)
  const appOrigins = new Set<string>()
  for (const origin of options.appOrigins ?? []) {
    const normalized = httpOrigin(origin)
    if (!normalized) throw new TypeError(`App origin must be an http(s) URL, got ${JSON.stringify(origin)}`)
    appOrigins.add(normalized)
  }
  const pageContext = {
    store,
    portalLinks,
    appOrigins,
    merchantName: options.merchantName ?? 'Test merchant',
  }
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
      webhooksPage(request, url, webhooks) ?? handlePageRequest(request, url, pageContext),
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
  const api = { store, routes: apiRoutes, apiKey, log, faults, json: new ResponseJson(store) }
  const answerApi = (request: ApiRequest) => answerApiRequest(request, api)
  const screen = createRequestScreen({ store, apiKey, log })
  return {
    store,
    apiKey,
    handle,
    answerApi,
    fetch: fetch as typeof globalThis.fetch,
    control,
    screen,
    log,
    webhooks,
  }
}
