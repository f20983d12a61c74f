import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RequestScreen } from '../http/createRequestScreen'
import { errorResponse } from '../http/errorResponse'
import { DroppedConnectionError } from '../http/FaultInjector'
import { jsonResponse } from '../http/jsonResponse'
import { FlowgladApiError } from '../state/FlowgladApiError'

/** A listening node:http server in front of a web-standard handler. */
export interface EmulatorServer {
  url: string
  close(): Promise<void>
}

/** How the server listens and what it reads. */
export interface EmulatorServerOptions {
  port?: number
  /** Default `127.0.0.1`. */
  host?: string
  /** Largest request body it reads; a larger one is a 413 before (or as soon as) it is exceeded. Default 1 MiB. */
  maxBodyBytes?: number
  /** Header-only checks (the key) run before any body is read. */
  screen?: RequestScreen
}

/** 1 MiB: far above any Flowglad request body (a bulk usage-event batch is a few KB). */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576

const TOO_LARGE = Symbol('too large')

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

/** Serves `handle` over HTTP; a dropped-connection fault destroys the socket mid-request. */
export async function startEmulatorServer(
  handle: (request: Request) => Promise<Response>,
  options: EmulatorServerOptions = {},
): Promise<EmulatorServer> {
  const host = options.host ?? '127.0.0.1'
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  let origin = ''
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', origin)
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
    serve(req, res).catch((error: unknown) => {
      if (error instanceof DroppedConnectionError) return req.socket.destroy()
      if (res.headersSent || res.destroyed) return
      void send(errorResponse(new FlowgladApiError('INTERNAL_SERVER_ERROR', 'Internal server error')), res)
    })
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
