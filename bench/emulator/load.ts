/** Load-generation helpers shared by the emulator benches: autocannon in a child process, a bare baseline server. */
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { promisify } from 'node:util'

const requireFromEmulator = createRequire(
  new URL('../../packages/flowglad-emulator/package.json', import.meta.url),
)
const AUTOCANNON_CLI = requireFromEmulator.resolve('autocannon/autocannon.js')
/** The autocannon version the figures were taken with. */
export const AUTOCANNON_VERSION = (requireFromEmulator('autocannon/package.json') as { version: string })
  .version
const run = promisify(execFile)

/** What one autocannon run reports (the fields the benches read). */
export interface AutocannonResult {
  requests: { average: number; total: number }
  latency: { p50: number; p99: number; average: number }
  non2xx: number
  errors: number
  timeouts: number
}

/** One request shape fired at a target. */
export interface Load {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
}

/** Runs autocannon for `seconds` with `connections`; `[<id>]` in the body becomes a fresh id per request. */
export async function autocannon(
  load: Load,
  connections: number,
  seconds: number,
): Promise<AutocannonResult> {
  const args = [AUTOCANNON_CLI, '--json', '--no-progress', '-c', String(connections), '-d', String(seconds)]
  args.push('-m', load.method)
  for (const [k, v] of Object.entries(load.headers)) args.push('-H', `${k}=${v}`)
  if (load.body !== undefined) args.push('-b', load.body, '-I') // -I: `[<id>]` becomes a fresh id per request
  args.push(load.url)
  const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 })
  return JSON.parse(stdout) as AutocannonResult
}

/** A node:http server that drains the request and answers a fixed body: the floor for any HTTP server. */
export async function startBaseline(
  body: Record<'GET' | 'POST', string>,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(req.method === 'POST' ? body.POST : body.GET)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

/** Rounds to `digits` decimals. */
export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits
