import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ApiReply, ApiRequest } from '../http/ApiReply'
import { DroppedConnectionError } from '../http/FaultInjector'

/** A listening node:http server in front of a web-standard handler. */
export interface EmulatorServer {
  url: string
  close(): Promise<void>
}

/** Options of `startEmulatorServer`. */
export interface EmulatorServerOptions {
  port?: number
  host?: string
  /**
   * Serves `/api/*` without building a Web `Request`/`Response` per request (the emulator's hot
   * path); everything else, and any request with a large or unsized body, goes to `handle`.
   */
  api?: (request: ApiRequest) => Promise<ApiReply>
}

/** Bodies the direct API path reads itself; bigger or unsized ones take the `handle` path. */
const DIRECT_BODY_LIMIT = 64 * 1024

async function toRequest(req: IncomingMessage, url: URL): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && chunks.length > 0
  return new Request(url, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  })
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status
  for (const [name, value] of response.headers) res.setHeader(name, value)
  res.end(Buffer.from(await response.arrayBuffer()))
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

/** Whether the direct API path takes this request: an `/api/` path and no body, or a small sized one. */
function isDirect(req: IncomingMessage, url: URL): boolean {
  if (!url.pathname.startsWith('/api/')) return false
  if (req.headers['transfer-encoding'] !== undefined) return false
  const length = req.headers['content-length']
  return length === undefined || Number(length) <= DIRECT_BODY_LIMIT
}

/** Serves `handle` over HTTP; a dropped-connection fault destroys the socket mid-request. */
export async function startEmulatorServer(
  handle: (request: Request) => Promise<Response>,
  options: EmulatorServerOptions = {},
): Promise<EmulatorServer> {
  const host = options.host ?? '127.0.0.1'
  const { api } = options
  let origin = ''
  const fail = (req: IncomingMessage, res: ServerResponse) => (error: unknown) => {
    if (error instanceof DroppedConnectionError) return req.socket.destroy()
    res.statusCode = 500
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' }))
  }
  const server = createServer((req, res) => {
    let url: URL
    try {
      url = new URL(req.url ?? '/', origin)
    } catch (error) {
      return fail(req, res)(error)
    }
    if (api && isDirect(req, url)) {
      api(toApiRequest(req, url))
        .then((reply) => {
          res.writeHead(reply.status, reply.headers)
          res.end(reply.body)
        })
        .catch(fail(req, res))
      return
    }
    toRequest(req, url)
      .then(handle)
      .then((response) => send(response, res))
      .catch(fail(req, res))
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
