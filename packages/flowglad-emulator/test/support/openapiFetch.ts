import { matchOperation, type ValidationResult, validateRequest, validateResponse } from './openapiValidator'

/** One response seen by `validatingFetch`, with its verdict. */
export interface ValidatedExchange {
  method: string
  path: string
  status: number
  operation: string | undefined
  /** Parsed JSON (or the raw text when it is not JSON; undefined when empty). */
  body: unknown
  /** The response against the spec: the emulator's side of the contract. */
  result: ValidationResult
  /** The request the client sent against the spec's request schema: the client's side. */
  request: ValidationResult
}

/** A fetch that validates every JSON API response; `exchanges` and `mismatches` keep the verdicts. */
export type ValidatingFetch = typeof globalThis.fetch & {
  readonly exchanges: readonly ValidatedExchange[]
  readonly mismatches: readonly ValidatedExchange[]
}

/**
 * Wraps a fetch so every `/api/` response is checked against the spec. It never throws on a
 * mismatch: `@flowglad/node` would take a throwing fetch for a network error and retry the request,
 * changing state. Tests read `mismatches` (or get called back per response) instead.
 */
export function validatingFetch(
  innerFetch: typeof globalThis.fetch,
  onResult?: (exchange: ValidatedExchange) => void,
): ValidatingFetch {
  const exchanges: ValidatedExchange[] = []
  const mismatches: ValidatedExchange[] = []
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input)
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET')
    const path = new URL(url, 'http://localhost').pathname
    // Read before sending: a Request's body can be consumed only once.
    const requestText =
      typeof init?.body === 'string' ? init.body : input instanceof Request ? await input.clone().text() : ''
    const response = await innerFetch(input, init)
    if (!path.includes('/api/')) return response
    const exchange = await inspect(method, path, requestText, response)
    exchanges.push(exchange)
    if (!exchange.result.ok) mismatches.push(exchange)
    onResult?.(exchange)
    return response
  }
  return Object.assign(wrapped, { exchanges, mismatches }) as ValidatingFetch
}

const parseJson = (text: string): unknown => {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text // the schema check reports it
  }
}

async function inspect(
  method: string,
  path: string,
  requestText: string,
  response: Response,
): Promise<ValidatedExchange> {
  const status = response.status
  const operation = matchOperation(method, path)?.operationId
  const text = await response.clone().text()
  const contentType = response.headers.get('content-type') ?? ''
  const isJson = /\bjson\b/.test(contentType)
  const body = isJson ? parseJson(text) : text === '' ? undefined : text
  const request = validateRequest({ method, path, body: parseJson(requestText) })
  const result: ValidationResult =
    text !== '' && !isJson
      ? {
          ok: false,
          operation: operation ?? `${method} ${path}`,
          errors: [`content-type '${contentType}' is not JSON`],
        }
      : validateResponse({ method, path, status, body })
  return { method: method.toUpperCase(), path, status, operation, body, result, request }
}
