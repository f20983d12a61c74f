import { z } from 'zod'
import type { EmulatorStore } from '../state/EmulatorStore'
import { FlowgladApiError } from '../state/FlowgladApiError'
import { handleWebhookControl } from '../webhooks/webhookControlRoutes'
import type { EmulatorControl } from './EmulatorControl'
import { errorResponse, zodIssues } from './errorResponse'
import { type ControlGuardOptions, guardControlRequest } from './guardControlRequest'
import { jsonResponse } from './jsonResponse'

const DAY = 86_400_000

const advanceBody = z.union([
  z.object({ ms: z.number().int().nonnegative() }).strict(),
  z.object({ days: z.number().nonnegative() }).strict(),
])

const faultBody = z.object({
  match: z
    .object({
      method: z.string().optional(),
      /** A path prefix. */
      path: z.string().max(2048).optional(),
      /** `*` within a segment, `**` across segments; matched in linear time (matchPathGlob.ts). */
      pathGlob: z.string().max(2048).optional(),
      // Regular expressions are not accepted over HTTP: one can backtrack and stall the event loop.
      pathPattern: z
        .undefined({
          error: 'pathPattern (a regular expression) is not accepted: use path (a prefix) or pathGlob',
        })
        .optional(),
    })
    .strict()
    .default({}),
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  latencyMs: z.number().int().nonnegative().max(120_000).optional(),
  drop: z.boolean().optional(),
  times: z.number().int().positive().default(1),
})

async function parse<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  const text = await request.text()
  let raw: unknown = {}
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text)
  } catch {
    throw new FlowgladApiError('BAD_REQUEST', 'Request body is not valid JSON')
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success)
    throw new FlowgladApiError('BAD_REQUEST', 'Invalid request body', zodIssues(parsed.error))
  return parsed.data
}

/** One control route: its JSON answer (or a thrown `FlowgladApiError`). */
export type ControlRoute = (request: Request, url: URL, rest: string[]) => Promise<unknown> | unknown

/** Control routes keyed `"<METHOD> <first path segment>"`; a new endpoint is one more entry. */
export type ControlRoutes = Record<string, ControlRoute>

/**
 * `/_emulator/*`: local tooling, not recorded in the request log. Every request passes
 * `guardControlRequest` (the API key, same-origin only, JSON POSTs) before its body is read.
 */
export function createControlHandler(
  control: EmulatorControl,
  store: EmulatorStore,
  guard: Omit<ControlGuardOptions, 'selfOrigin'>,
  extraRoutes: ControlRoutes = {},
) {
  const routes: ControlRoutes = {
    'POST reset': () => {
      control.reset()
      return { ok: true }
    },
    'GET requests': (_request, url) =>
      control.requests({
        ...(url.searchParams.get('method') ? { method: url.searchParams.get('method') as string } : {}),
        ...(url.searchParams.get('path') ? { path: url.searchParams.get('path') as string } : {}),
      }),
    'DELETE requests': () => {
      control.clearRequests()
      return { ok: true }
    },
    'POST checkout-sessions': (_request, _url, [id, action]) => {
      if (!id || action !== 'complete') throw new FlowgladApiError('NOT_FOUND', 'Unknown control route')
      control.completeCheckoutSession(decodeURIComponent(id))
      return { ok: true }
    },
    'POST clock': async (request, _url, [action]) => {
      if (action !== 'advance') throw new FlowgladApiError('NOT_FOUND', 'Unknown control route')
      const body = await parse(request, advanceBody)
      control.advanceClock('ms' in body ? body.ms : Math.round(body.days * DAY))
      return { now: control.now() }
    },
    'GET clock': () => ({ now: control.now() }),
    'POST faults': async (request) => {
      const { match, ...fault } = await parse(request, faultBody)
      control.injectFault({
        ...fault,
        match: {
          ...(match.method ? { method: match.method } : {}),
          ...(match.path ? { path: match.path } : {}),
          ...(match.pathGlob ? { pathGlob: match.pathGlob } : {}),
        },
      })
      return { ok: true }
    },
    'DELETE faults': () => {
      control.clearFaults()
      return { ok: true }
    },
    'GET webhooks': (request, _url, rest) => handleWebhookControl(control.webhooks, request, rest),
    'POST webhooks': (request, _url, rest) => handleWebhookControl(control.webhooks, request, rest),
    'DELETE webhooks': (request, _url, rest) => handleWebhookControl(control.webhooks, request, rest),
    'GET state': () => ({ now: control.now(), pricingModel: store.catalog.pricingModel, data: store.data }),
    ...extraRoutes,
  }
  return async (request: Request, url: URL): Promise<Response> => {
    const refused = guardControlRequest(request.method, request.headers, {
      ...guard,
      selfOrigin: new URL(store.baseUrl).origin,
    })
    if (refused) return refused
    const [resource = '', ...rest] = url.pathname.slice('/_emulator/'.length).split('/')
    const handler = routes[`${request.method} ${resource}`]
    try {
      if (!handler)
        throw new FlowgladApiError('NOT_FOUND', `No control route ${request.method} ${url.pathname}`)
      return jsonResponse(await handler(request, url, rest))
    } catch (error) {
      return errorResponse(error)
    }
  }
}
