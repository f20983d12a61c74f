import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What reached the server, before the handler saw it. */
export interface RawRequest {
  readonly headers: Record<string, string>
  readonly body: string
}

/**
 * A plain node:http server in front of a fetch-style handler (the smallest fetch adapter): each
 * request becomes a `Request`, the handler's `Response` is written back. `onRaw` sees the raw
 * request first (for checks made independently of the handler).
 */
export async function serveFetch(
  handler: (request: Request) => Promise<Response>,
  onRaw: (raw: RawRequest) => void = () => {},
) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', async () => {
      const body = Buffer.concat(chunks)
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers[name] = value
      onRaw({ headers, body: body.toString('utf8') })
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
      const response = await handler(
        new Request(`http://127.0.0.1${req.url ?? '/'}`, {
          method: req.method ?? 'GET',
          headers,
          ...(hasBody ? { body } : {}),
        }),
      )
      res.statusCode = response.status
      for (const [name, value] of response.headers) res.setHeader(name, value)
      res.end(Buffer.from(await response.arrayBuffer()))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
