import type { EmulatorStore } from '../state/EmulatorStore'
import { FlowgladApiError } from '../state/FlowgladApiError'
import { authorize } from './authorize'
import type { Route } from './defineRoute'
import { codeForStatus, errorResponse, restErrorBody, textResponse, zodIssues } from './errorResponse'
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

/** Routes Flowglad lets through with no body (utils/validateRequest.ts `emptyBodyAllowedRoutes`). */
const EMPTY_BODY_ALLOWED = [/^\/api\/v1\/subscriptions\/[^/]+\/uncancel$/]

/**
 * The JSON body of a POST/PUT, or null when it is not JSON: Flowglad answers that with a 400
 * `Invalid JSON in request body` (no `code`), an empty body included, except on `EMPTY_BODY_ALLOWED`.
 */
async function readJsonBody(request: Request, pathname: string): Promise<{ value: unknown } | null> {
  const text = await request.text()
  if (text === '' && EMPTY_BODY_ALLOWED.some((pattern) => pattern.test(pathname))) return { value: {} }
  try {
    return { value: JSON.parse(text) }
  } catch {
    return null
  }
}

async function runRoute(request: Request, url: URL, deps: ApiDependencies): Promise<Response> {
  const refused = authorize(request, deps.apiKey)
  if (refused) return refused
  const match = matchRoute(deps.routes, request.method, url.pathname)
  // route.ts answers an unknown route with a plain-text 404.
  if (!match) return textResponse('Not Found', 404)
  const { route, params } = match
  const hasBody = request.method === 'POST' || request.method === 'PUT'
  const parsed = hasBody ? await readJsonBody(request, url.pathname) : { value: {} }
  if (!parsed) return jsonResponse(restErrorBody('Invalid JSON in request body'), 400)
  const rawBody = parsed.value
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
    const body =
      fault.body ?? restErrorBody(`Injected fault (status ${fault.status})`, codeForStatus(fault.status))
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
    deps.log.record({ ...entry, status: response.status, durationMs: performance.now() - started }, response)
    return response
  } catch (error) {
    // A dropped connection has no status; 0 is what browsers report for one.
    deps.log.record({ ...entry, status: 0, durationMs: performance.now() - started })
    throw error
  }
}
