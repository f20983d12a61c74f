import Flowglad from '@flowglad/node'
import { createEmulator, type Emulator } from '../../src/index'
import { type ValidatedExchange, type ValidatingFetch, validatingFetch } from './openapi'

/** An emulator plus a real `@flowglad/node` client whose every JSON response is checked against the spec. */
export interface ConformanceRig {
  emulator: Emulator
  client: Flowglad
  fetch: ValidatingFetch
  close(): Promise<void>
}

/**
 * In-process by default (the client's `fetch` is the emulator's own); `overHttp` uses the global
 * fetch against the listening server instead, so the node:http adapter is covered too.
 * `pricing` loads another pricing file. `maxRetries: 0` keeps one request per call, so a 5xx is reported as-is instead of being retried.
 */
export async function createConformanceRig(
  options: { overHttp?: boolean; pricing?: string } = {},
): Promise<ConformanceRig> {
  const emulator = await createEmulator({
    listen: options.overHttp === true,
    ...(options.pricing ? { pricing: options.pricing } : {}),
  })
  const fetch = validatingFetch(options.overHttp ? globalThis.fetch : emulator.fetch)
  const client = new Flowglad({ apiKey: emulator.apiKey, baseURL: emulator.url, fetch, maxRetries: 0 })
  return { emulator, client, fetch, close: () => emulator.close() }
}

/**
 * Operations the spec documents without a request body but Flowglad's REST layer reads one for
 * (route.ts parses JSON on every POST except `emptyBodyAllowedRoutes`): `{}` is what works.
 */
const WIRE_NEEDS_BODY = new Set(['customers-archive'])

/** Keys Flowglad's REST layer may put in an error body (route.ts `respond.error`). */
const WIRE_ERROR_KEYS = new Set(['error', 'code', 'request_id', 'trace_id', 'sentry_event_id'])

/**
 * Checks a non-2xx answer against what Flowglad's REST handler sends (the wire, not the spec,
 * which documents `{ code, message, issues }`; SPEC-NOTES.md): a plain-text 401 or unknown-route
 * 404, else JSON `{ error, code?, request_id }` where `error` is a message or a list of zod issues.
 * Returns the problems found (none = the body is wire-shaped).
 */
export function wireErrorProblems(exchange: Pick<ValidatedExchange, 'status' | 'body'>): string[] {
  const { status, body } = exchange
  if (typeof body === 'string') {
    return status === 401 || status === 404 ? [] : [`status ${status} with a plain-text body`]
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['error body is not an object']
  const record = body as Record<string, unknown>
  const problems = Object.keys(record)
    .filter((key) => !WIRE_ERROR_KEYS.has(key))
    .map((key) => `unexpected key '${key}' in the error body`)
  const { error, code, request_id: requestId } = record
  const isIssueList =
    Array.isArray(error) &&
    error.every((issue) => typeof (issue as { message?: unknown } | null)?.message === 'string')
  if (typeof error !== 'string' && !isIssueList)
    problems.push('`error` is neither a message nor an issue list')
  if (code !== undefined && typeof code !== 'string') problems.push('`code` is not a string')
  if (typeof requestId !== 'string' || requestId.length !== 8)
    problems.push('`request_id` is not an 8-char id')
  return problems
}

/**
 * One line per mismatch, ready for `expect(...).toEqual([])` diffs: every 2xx response that breaks
 * the spec, every error that is not shaped as Flowglad's REST layer sends it, and every request the emulator accepted (2xx) although it breaks
 * the spec's request schema, since it should have answered 400 to those.
 */
export function describeMismatches(exchanges: readonly ValidatedExchange[]): string[] {
  return exchanges.flatMap((exchange) => {
    const { result, request, method, path, status } = exchange
    const where = `(${method} ${path} -> ${status})`
    const accepted = status >= 200 && status < 300
    // Success bodies follow the spec; error bodies follow Flowglad's REST layer.
    const responseLines = accepted
      ? result.ok
        ? []
        : result.errors.map((e) => `${result.operation} ${where}: ${e}`)
      : wireErrorProblems(exchange).map((e) => `${exchange.operation ?? 'unknown operation'} ${where}: ${e}`)
    const requestLines =
      request.ok || !accepted
        ? []
        : request.errors
            .filter(
              (e) =>
                !(WIRE_NEEDS_BODY.has(exchange.operation ?? '') && e.includes('takes no JSON request body')),
            )
            .map((e) => `${request.operation} ${where} accepted request: ${e}`)
    return [...responseLines, ...requestLines]
  })
}
