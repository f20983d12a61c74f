import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { createRedisStore, type FlowgladStore } from '../../src/server'

/** A real redis-server for one test file: its port, and how to stop it (or simulate an outage). */
export interface TestRedis {
  readonly url: string
  readonly port: number
  /** Stops the server (the tests' way of making Redis unreachable). */
  stop(): Promise<void>
  /** Freezes the server process (SIGSTOP) for `ms`, then lets it run on: a stall, not an outage. */
  stall(ms: number): Promise<void>
}

/** The Debian package's binary (scripts/ensure-redis.sh installs it). */
export const REDIS_SERVER = '/usr/bin/redis-server'

/** True when redis-server is installed. */
export function hasRedisServer(): boolean {
  return existsSync(REDIS_SERVER)
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Waits until the server logs that it accepts connections. */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited with ${code}:\n${output}`))
    })
  })
}

/** Starts redis-server on a free port, in memory only (no dump file, no config file). */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort()
  const child = spawn(
    REDIS_SERVER,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  await ready(child)
  let stopped: Promise<void> | undefined
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stall: async (ms) => {
      child.kill('SIGSTOP')
      await new Promise((resolve) => setTimeout(resolve, ms))
      child.kill('SIGCONT')
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
      return stopped
    },
  }
}

/** A Redis store over a new ioredis connection (for workers and benches); `close` disconnects. */
export async function connectRedisStore(url: string): Promise<{ store: FlowgladStore; close(): void }> {
  const { Redis } = await import('ioredis')
  const client = new Redis(url)
  return { store: createRedisStore({ redis: client }), close: () => client.disconnect() }
}
