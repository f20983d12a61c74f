import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'

/** A running `next start` of the example app. */
export interface AppServer {
  url: string
  emulatorURL: string
  /** Everything the server printed, for failure reports. */
  log: () => string
  stop: () => Promise<void>
}

/** Options shared by every start of the app within one test run. */
export interface AppServerOptions {
  appDir: string
  dataDir: string
  port: number
  emulatorPort: number
  /** Extra environment, e.g. a deliberately broken setting. */
  env?: Record<string, string>
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/** Runs `next build` in the app directory (production build, as CI serves it). */
export async function buildApp(appDir: string): Promise<void> {
  await run(join(appDir, 'node_modules/.bin/next'), ['build'], appDir)
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] })
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    )
  })
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log()}`)
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`the app did not answer ${url} within 60s:\n${log()}`)
}

/** Starts `next start` on the given ports and data dir; resolves once /pricing answers. */
export async function startApp({
  appDir,
  dataDir,
  port,
  emulatorPort,
  env,
}: AppServerOptions): Promise<AppServer> {
  const url = `http://127.0.0.1:${port}`
  const child = spawn(join(appDir, 'node_modules/.bin/next'), ['start', '--port', String(port)], {
    cwd: appDir,
    env: {
      ...process.env,
      PORT: String(port),
      APP_DATA_DIR: dataDir,
      // As `npm start` runs it: no BETTER_AUTH_URL, the app derives it (and trusts 127.0.0.1).
      BETTER_AUTH_URL: '',
      FLOWGLAD_EMULATOR_PORT: String(emulatorPort),
      FLOWGLAD_SECRET_KEY: '',
      FLOWGLAD_BASE_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const append = (chunk: Buffer) => {
    output += chunk.toString()
    if (process.env.E2E_VERBOSE) process.stderr.write(chunk)
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  const log = () => output
  // Probe a page with no Flowglad call, so the first measured pricing load starts cold.
  await waitUntilReady(`${url}/sign-in`, child, log)
  return {
    url,
    emulatorURL: `http://127.0.0.1:${emulatorPort}`,
    log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref()
      }),
  }
}
