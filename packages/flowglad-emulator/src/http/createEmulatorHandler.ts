import type { EmulatorStore } from '../state/EmulatorStore'
import { FlowgladApiError } from '../state/FlowgladApiError'
import { apiRoutes } from './apiRoutes'
import { type ControlRoutes, createControlHandler } from './createControlHandler'
import type { EmulatorControl } from './EmulatorControl'
import { errorResponse } from './errorResponse'
import type { FaultInjector } from './FaultInjector'
import { handleApiRequest } from './handleApiRequest'
import type { RequestLog } from './RequestLog'
import { ResponseJson } from './ResponseJson'

/** Everything one emulator's handler closes over. */
export interface EmulatorHandlerDependencies {
  store: EmulatorStore
  apiKey: string
  log: RequestLog
  faults: FaultInjector
  control: EmulatorControl
  /** Hosted pages (`/checkout/*`, `/portal/*`); absent = 404. */
  pages?: (request: Request, url: URL) => Promise<Response | null>
  /** More `/_emulator/*` routes (e.g. webhooks), behind the same key and origin checks. */
  controlRoutes?: ControlRoutes
}

/** The web-standard handler behind both the in-process fetch and the node:http server. */
export function createEmulatorHandler(
  deps: EmulatorHandlerDependencies,
): (request: Request) => Promise<Response> {
  const control = createControlHandler(deps.control, deps.store, { apiKey: deps.apiKey }, deps.controlRoutes)
  const api = {
    store: deps.store,
    routes: apiRoutes,
    apiKey: deps.apiKey,
    log: deps.log,
    faults: deps.faults,
    json: new ResponseJson(deps.store),
  }
  return async (request) => {
    const url = new URL(request.url)
    if (url.pathname.startsWith('/_emulator/')) return control(request, url)
    if (url.pathname.startsWith('/api/')) return handleApiRequest(request, url, api)
    const page = await deps.pages?.(request, url)
    return page ?? errorResponse(new FlowgladApiError('NOT_FOUND', `Nothing at ${url.pathname}`))
  }
}
