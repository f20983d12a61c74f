import type { EmulatorStore } from '../state/EmulatorStore'
import { FlowgladApiError } from '../state/FlowgladApiError'
import {
  type ApiReply,
  type ApiRequest,
  fromWebRequest,
  jsonReply,
  replyToResponse,
  responseToReply,
} from './ApiReply'
import { authorizeHeader } from './authorize'
import type { Route } from './defineRoute'
import {
  codeForStatus,
  errorResponse,
  restErrorBody,
  restErrorResponse,
  textResponse,
  tracingHeaders,
  zodIssues,
} from './errorResponse'
import { DroppedConnectionError, type FaultInjector, type FaultSpec } from './FaultInjector'
import { jsonResponse } from './jsonResponse'
import { matchRoute } from './matchRoute'
import type { RequestLog } from './RequestLog'
import type { ResponseJson } from './ResponseJson'
import { readPagination } from './routes/paginationQuery'

/** What the API handler needs. */
export interface ApiDependencies {
  store: EmulatorStore
  routes: readonly Route[]
  apiKey: string
  log: RequestLog
  faults: FaultInjector
  /** Serialises answers reusing unchanged stored objects' JSON; plain `JSON.stringify` without it. */
  json?: ResponseJson
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Routes Flowglad lets through with no body (utils/validateRequest.ts `emptyBodyAllowedRoutes`). */
const EMPTY_BODY_ALLOWED = [/^\/api\/v1\/subscriptions\/[^/]+\/uncancel$/]

/**
 * The JSON body of a POST/PUT, or null when it is not JSON: Flowglad answers that with a 400
 * `Invalid JSON in request body` (no `code`), an empty body included, except on `EMPTY_BODY_ALLOWED`.
 */
function parseJsonBody(text: string, pathname: string): { value: unknown } | null {
  if (text === '' && EMPTY_BODY_ALLOWED.some((pattern) => pattern.test(pathname))) return { value: {} }
  try {
    return { value: JSON.parse(text) }
  } catch {
    return null
  }
}

/** A query string as one value per key; repeated keys (`?a=1&a=2`, OpenAPI's explode form) join with commas. */
function queryObject(url: URL): Record<string, string> {
  const rawQuery: Record<string, string> = {}
  if (url.search === '') return rawQuery
  for (const [key, value] of url.searchParams)
    rawQuery[key] = key in rawQuery ? `${rawQuery[key]},${value}` : value
  return rawQuery
}

async function runRoute(request: ApiRequest, deps: ApiDependencies): Promise<ApiReply> {
  const refused = authorizeHeader(request.header('authorization'), deps.apiKey)
  if (refused) return responseToReply(refused)
  const { url } = request
  const match = matchRoute(deps.routes, request.method, url.pathname)
  // route.ts answers an unknown route with a plain-text 404.
  if (!match) return responseToReply(textResponse('Not Found', 404, tracingHeaders()))
  const { route, params } = match
  const hasBody = request.method === 'POST' || request.method === 'PUT'
  const parsed = hasBody ? parseJsonBody(await request.text(), url.pathname) : { value: {} }
  if (!parsed) return responseToReply(restErrorResponse(restErrorBody('Invalid JSON in request body'), 400))
  const rawBody = parsed.value
  const body = route.body ? route.body.safeParse(rawBody) : { success: true as const, data: rawBody }
  if (!body.success) throw new FlowgladApiError('BAD_REQUEST', 'Invalid request body', zodIssues(body.error))
  const rawQuery = queryObject(url)
  // route.ts checks `limit` and `cursor` on every GET, before the procedure sees any input.
  if (request.method === 'GET') {
    const pagination = readPagination(rawQuery)
    if (pagination instanceof Response) return responseToReply(pagination)
  }
  const query = route.query ? route.query.safeParse(rawQuery) : { success: true as const, data: rawQuery }
  if (!query.success)
    throw new FlowgladApiError('BAD_REQUEST', 'Invalid query parameters', zodIssues(query.error))
  let result = route.handle({ store: deps.store, params, body: body.data, query: query.data })
  // Handlers are synchronous but for a few; awaiting only those saves a turn per request.
  if (result instanceof Promise) result = await result
  // A handler returns a Response only for an answer that is not a JSON 200 (route.ts's own 400s).
  if (result instanceof Response) return responseToReply(result)
  const { json } = deps
  // A write's answer holds objects it just made or changed (and the store's change emptied the
  // caches), so remembering their JSON would only cost: writes are serialised plainly.
  if (!json || request.method !== 'GET') return jsonReply(result, tracingHeaders())
  return jsonReply(result, tracingHeaders(), (body) =>
    json.stringify(body, `${request.method} ${url.pathname}`),
  )
}

/** The answer an injected fault makes: a delay, then a dropped connection, a status, or the route after all. */
async function faultedReply(fault: FaultSpec, request: ApiRequest, deps: ApiDependencies): Promise<ApiReply> {
  if (fault.latencyMs) await sleep(fault.latencyMs)
  if (fault.drop) throw new DroppedConnectionError()
  if (fault.status) {
    const body =
      fault.body ?? restErrorBody(`Injected fault (status ${fault.status})`, codeForStatus(fault.status))
    return responseToReply(jsonResponse(body, fault.status, fault.headers))
  }
  return routeReply(request, deps)
}

/** The route's answer, any failure in it answered as Flowglad does (`errorResponse`). */
async function routeReply(request: ApiRequest, deps: ApiDependencies): Promise<ApiReply> {
  try {
    return await runRoute(request, deps)
  } catch (error) {
    return responseToReply(errorResponse(error))
  }
}

/**
 * Serves one `/api/v1/*` request: faults, auth, routing, validation, and a log entry for it. The
 * node server calls this directly; `handleApiRequest` is the same for a Web `Request`.
 */
export async function answerApiRequest(request: ApiRequest, deps: ApiDependencies): Promise<ApiReply> {
  const started = performance.now()
  const { method, url } = request
  const path = url.pathname
  const at = deps.store.now()
  let reply: ApiReply
  try {
    const fault = deps.faults.take(method, path)
    // Without a fault (the usual case) the route runs here: one async layer less per request.
    if (fault) reply = await faultedReply(fault, request, deps)
    else {
      try {
        reply = await runRoute(request, deps)
      } catch (error) {
        reply = await responseToReply(errorResponse(error))
      }
    }
  } catch (error) {
    // A dropped connection has no status; 0 is what browsers report for one.
    deps.log.record({
      method,
      path,
      query: url.search,
      status: 0,
      durationMs: performance.now() - started,
      at,
    })
    throw error
  }
  deps.log.record(
    { method, path, query: url.search, status: reply.status, durationMs: performance.now() - started, at },
    reply,
  )
  return reply
}

/** Serves one `/api/v1/*` Web `Request` (in-process fetch, edge runtimes). */
export async function handleApiRequest(request: Request, url: URL, deps: ApiDependencies): Promise<Response> {
  const reply = await answerApiRequest(fromWebRequest(request, url), deps)
  const response = replyToResponse(reply)
  // Its log entry follows the answer, so a later layer can log what the client actually got.
  deps.log.relink(reply, response)
  return response
}
