/**
 * One app instance of the middleware bench: builds the gated test app against the emulator over
 * HTTP (and a shared Redis when given), says `ready`, waits for `go` on stdin, runs its share of
 * the load, prints one JSON line of results and exits.
 * argv: <json BenchWorkerArgs>
 */
import { performance } from 'node:perf_hooks'
import { createGatedApp } from '../../packages/flowglad-trpc/test/support/createGatedApp'
import type { TestUser } from '../../packages/flowglad-trpc/test/support/createTestApp'
import { connectRedisStore } from '../../packages/flowglad-trpc/test/support/redis'

/** What the bench runner passes. */
export interface BenchWorkerArgs {
  emulatorUrl: string
  apiKey: string
  redisUrl?: string
  user: TestUser
  /** `spend`: `calls` spends of 1, `concurrency` at a time; `pricing`: one cold pricing read. */
  mode: 'spend' | 'readThenRecord' | 'pricing'
  calls: number
  concurrency: number
}

/** What a worker reports. */
export interface BenchWorkerResult {
  succeeded: number
  failed: number
  elapsedMs: number
  latenciesMs: number[]
}

const args = JSON.parse(process.argv[2] ?? '{}') as BenchWorkerArgs
const redis = args.redisUrl ? await connectRedisStore(args.redisUrl) : undefined
const store = redis?.store
const app = createGatedApp({
  flowglad: { apiKey: args.apiKey, baseURL: args.emulatorUrl, ...(store ? { store } : {}) },
  ...(store ? { store } : {}),
})

/** One timed call of the chosen kind. */
const callByMode: Record<BenchWorkerArgs['mode'], () => Promise<unknown>> = {
  spend: () => app.createCaller(args.user).usage.callApi({ calls: 1 }),
  readThenRecord: () => app.createCaller(args.user).usage.readThenRecord({ calls: 1 }),
  pricing: () => app.createCaller(null).flowglad.pricing.default(),
}

process.stdout.write('ready\n')
await new Promise((resolve) => process.stdin.once('data', resolve))

const latenciesMs: number[] = []
let succeeded = 0
let failed = 0
let remaining = args.calls
const started = performance.now()
await Promise.all(
  Array.from({ length: args.concurrency }, async () => {
    while (remaining > 0) {
      remaining -= 1
      const t0 = performance.now()
      try {
        await callByMode[args.mode]()
        succeeded += 1
      } catch {
        failed += 1
      }
      latenciesMs.push(performance.now() - t0)
    }
  }),
)
const result: BenchWorkerResult = { succeeded, failed, elapsedMs: performance.now() - started, latenciesMs }
process.stdout.write(`${JSON.stringify(result)}\n`)
redis?.close()
process.exit(0)
