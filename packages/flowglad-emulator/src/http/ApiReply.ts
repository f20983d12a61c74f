/**
 * An API request as the handler reads it. The node server builds it straight from the socket's
 * request; a Web `Request` is adapted by `fromWebRequest`. Only what the API reads is here, so the
 * hot path needs no Web `Request` (a URL, a `Headers`, a body stream per request).
 */
export interface ApiRequest {
  method: string
  url: URL
  /** A header by lower-case name, repeated values joined with `, ` (as `Headers#get`); null when absent. */
  header(name: string): string | null
  /** The body as UTF-8 text (a leading BOM dropped, as `Request#text` does); read only after the key is checked. */
  text(): Promise<string>
}

/** An API answer before it becomes a Web `Response` or is written to a socket. */
export interface ApiReply {
  status: number
  headers: Record<string, string>
  body: string
}

const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json; charset=utf-8',
})

/**
 * A 200 JSON answer (what `jsonResponse` builds, without the `Response`), with extra headers if any;
 * `stringify` defaults to `JSON.stringify`.
 */
export function jsonReply(
  body: unknown,
  headers?: Record<string, string>,
  stringify: (body: unknown) => string = JSON.stringify,
): ApiReply {
  return {
    status: 200,
    headers: headers ? { ...JSON_HEADERS, ...headers } : (JSON_HEADERS as Record<string, string>),
    body: stringify(body),
  }
}

/** Adapts a Web `Request` (in-process fetch, edge runtimes). */
export function fromWebRequest(request: Request, url: URL): ApiRequest {
  return {
    method: request.method,
    url,
    header: (name) => request.headers.get(name),
    text: () => request.text(),
  }
}

/** Reads a `Response` built by the shared error helpers into a reply (error paths only). */
export async function responseToReply(response: Response): Promise<ApiReply> {
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  }
}

/** Statuses whose responses have no body (the `Response` constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304])

/** The Web `Response` of a reply. */
export function replyToResponse(reply: ApiReply): Response {
  return new Response(NULL_BODY.has(reply.status) ? null : reply.body, {
    status: reply.status,
    headers: reply.headers,
  })
}
