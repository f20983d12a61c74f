import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ApiReply, ApiRequest } from '../http/ApiReply'
import type { RequestScreen } from '../http/createRequestScreen'
import { DroppedConnectionError } from '../http/FaultInjector'
import { jsonResponse } from '../http/jsonResponse'

/** A listening node:http server in front of a web-standard handler. */
export interface EmulatorServer {
  url: string
  close(): Promise<void>
}

/** Options of `startEmulatorServer`. */
export interface EmulatorServerOptions {
  port?: number
  /** Default `127.0.0.1`. */
  host?: string
  /**
   * Serves `/api/*` without building a Web `Request`/`Response` per request (the emulator's hot
   * path); everything else, and any request with a large or unsized body, goes to `handle`.
   */
  api?: (request: ApiRequest) => Promise<ApiReply>
  /** Largest request body it reads; a larger one is a 413 before (or as soon as) it is exceeded. Default 1 MiB. */
  maxBodyBytes?: number
  /** Header-only checks (the key, the control guard) run before `handle` reads any body. */
  screen?: RequestScreen
}

/** 1 MiB: far above any Flowglad request body (a bulk usage-event batch is a few KB). */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576

/** Bodies the direct API path reads itself; bigger or unsized ones take the `handle` path. */
const DIRECT_BODY_LIMIT = 64 * 1024

const TOO_LARGE = Symbol('too large')

/**
 * How many parsed request targets a server keeps. API clients repeat a few targets (every usage
 * event is `POST /api/v1/usage-events`), and parsing one was ~3% of a write; nothing in the emulator
 * mutates a request's URL, so one parsed URL can serve every request with that target.
 */
const PARSED_TARGETS = 512
/** Longer targets are parsed each time rather than kept. */
const KEPT_TARGET_LENGTH = 2048

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  return headers
}

/** Reads the body, counting as it goes: past `limit` it stops reading, so nothing larger is ever held. */
async function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<Buffer<ArrayBuffer> | typeof TOO_LARGE> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return TOO_LARGE
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) return TOO_LARGE
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status
  for (const [name, value] of response.headers) res.setHeader(name, value)
  res.end(Buffer.from(await response.arrayBuffer()))
}

/** Answers without reading (the rest of) the body, and closes the connection so none is read after. */
async function refuse(response: Response, res: ServerResponse): Promise<void> {
  res.setHeader('connection', 'close')
  await send(response, res)
}

const utf8 = new TextDecoder()

/** The request as the API handler reads it, its body read on demand (after the key is checked). */
function toApiRequest(req: IncomingMessage, url: URL): ApiRequest {
  return {
    method: req.method ?? 'GET',
    url,
    header: (name) => {
      const value = req.headers[name]
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
    },
    text: () =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = []
        req.on('data', (chunk: Buffer) => chunks.push(chunk))
        req.once('end', () => resolve(utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))))
        req.once('error', reject)
      }),
  }
}

/**
 * Whether the direct API path takes this request: an `/api/` path and no body, or a small sized one
 * (within both the direct limit and `--max-body`; its key is checked before `text()` reads it).
 */
function isDirect(req: IncomingMessage, url: URL, limit: number): boolean {
  if (!url.pathname.startsWith('/api/')) return false
  if (req.headers['transfer-encoding'] !== undefined) return false
  const length = req.headers['content-length']
  return length === undefined || Number(length) <= Math.min(DIRECT_BODY_LIMIT, limit)
}

/** Serves `handle` over HTTP; a dropped-connection fault destroys the socket mid-request. */
export async function startEmulatorServer(
  handle: (request: Request) => Promise<Response>,
  options: EmulatorServerOptions = {},
): Promise<EmulatorServer> {
  const host = options.host ?? '127.0.0.1'
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const { api } = options
  let origin = ''
  const parsed = new Map<string, URL>()
  const parseTarget = (target: string): URL => {
    const known = parsed.get(target)
    if (known) return known
    const url = new URL(target, origin)
    if (target.length <= KEPT_TARGET_LENGTH) {
      if (parsed.size >= PARSED_TARGETS) parsed.clear()
      parsed.set(target, url)
    }
    return url
  }
  const fail = (req: IncomingMessage, res: ServerResponse) => (error: unknown) => {
    if (error instanceof DroppedConnectionError) return req.socket.destroy()
    if (res.headersSent || res.destroyed) return
    res.statusCode = 500
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' }))
  }
  /** Everything but the direct API path: header checks, then a capped body, then `handle`. */
  const serve = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const method = req.method ?? 'GET'
    const headers = toHeaders(req)
    const refused = options.screen?.(method, url, headers)
    if (refused) return refuse(refused, res)
    const body = method === 'GET' || method === 'HEAD' ? null : await readBody(req, limit)
    if (body === TOO_LARGE)
      return refuse(
        jsonResponse({ error: `Request body is larger than ${limit} bytes`, code: 'PAYLOAD_TOO_LARGE' }, 413),
        res,
      )
    const request = new Request(url, { method, headers, ...(body && body.length > 0 ? { body } : {}) })
    return send(await handle(request), res)
  }
  const server = createServer((req, res) => {
    let url: URL
    try {
      url = parseTarget(req.url ?? '/')
    } catch (error) {
      return fail(req, res)(error)
    }
    if (api && isDirect(req, url, limit)) {
      api(toApiRequest(req, url))
        .then((reply) => {
          res.writeHead(reply.status, reply.headers)
          res.end(reply.body)
        })
        .catch(fail(req, res))
      return
    }
    serve(req, res, url).catch(fail(req, res))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, resolve)
  })
  const { port } = server.address() as AddressInfo
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
