import type { EmulatorStore } from '../state/EmulatorStore'
import { FlowgladApiError } from '../state/FlowgladApiError'
import { authorize } from './authorize'
import type { Route } from './defineRoute'
import { codeForStatus, errorResponse, zodIssues } from './errorResponse'
import { DroppedConnectionError, type FaultInjector } from './FaultInjector'
import { jsonResponse } from './jsonResponse'
import { matchRoute } from './matchRoute'
import type { RequestLog } from './RequestLog'

/** What the API handler needs. */
export interface ApiDependencies {
  store: EmulatorStore
  routes: readonly Route[]
  apiKey: string
  log: RequestLog
  faults: FaultInjector
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text()
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new FlowgladApiError('BAD_REQUEST', 'Request body is not valid JSON')
  }
}

async function runRoute(request: Request, url: URL, deps: ApiDependencies): Promise<Response> {
  authorize(request, deps.apiKey)
  const match = matchRoute(deps.routes, request.method, url.pathname)
  if (!match) throw new FlowgladApiError('NOT_FOUND', `No route for ${request.method} ${url.pathname}`)
  const { route, params } = match
  const rawBody = request.method === 'GET' ? {} : await readJsonBody(request)
  const body = route.body ? route.body.safeParse(rawBody) : { success: true as const, data: rawBody }
  if (!body.success) throw new FlowgladApiError('BAD_REQUEST', 'Invalid request body', zodIssues(body.error))
  // Repeated keys (`?a=1&a=2`, OpenAPI's explode form) join with commas, the client's own array format.
  const rawQuery: Record<string, string> = {}
  for (const [key, value] of url.searchParams)
    rawQuery[key] = key in rawQuery ? `${rawQuery[key]},${value}` : value
  const query = route.query ? route.query.safeParse(rawQuery) : { success: true as const, data: rawQuery }
  if (!query.success)
    throw new FlowgladApiError('BAD_REQUEST', 'Invalid query parameters', zodIssues(query.error))
  const result = await route.handle({ store: deps.store, params, body: body.data, query: query.data })
  return jsonResponse(result)
}

async function applyFaultOrRun(request: Request, url: URL, deps: ApiDependencies): Promise<Response> {
  const fault = deps.faults.take(request.method, url.pathname)
  if (fault?.latencyMs) await sleep(fault.latencyMs)
  if (fault?.drop) throw new DroppedConnectionError()
  if (fault?.status) {
    const body = fault.body ?? {
      code: codeForStatus(fault.status),
      message: `Injected fault (status ${fault.status})`,
    }
    return jsonResponse(body, fault.status, fault.headers)
  }
  try {
    return await runRoute(request, url, deps)
  } catch (error) {
    return errorResponse(error)
  }
}

/** Serves one `/api/v1/*` request: faults, auth, routing, validation, and a log entry for it. */
export async function handleApiRequest(request: Request, url: URL, deps: ApiDependencies): Promise<Response> {
  const started = performance.now()
  const entry = { method: request.method, path: url.pathname, query: url.search, at: deps.store.now() }
  try {
    const response = await applyFaultOrRun(request, url, deps)
    deps.log.record({ ...entry, status: response.status, durationMs: performance.now() - started })
    return response
  } catch (error) {
    // A dropped connection has no status; 0 is what browsers report for one.
    deps.log.record({ ...entry, status: 0, durationMs: performance.now() - started })
    throw error
  }
}
