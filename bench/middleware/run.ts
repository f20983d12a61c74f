/**
 * The billing middleware's costs (issue #10), on the emulator over loopback HTTP and a real
 * redis-server, measured in one run:
 *   1. upstream calls per gated call and per spend, counted in the emulator's request log
 *      (deterministic), against the hand-written read-then-record baseline;
 *   2. spends per second and latency for ONE customer (the contended case the ledger serialises
 *      on), one process vs two processes sharing Redis; the unsafe baseline measured alongside;
 *   3. default pricing model calls for N cold instances, without and with a shared Redis store.
 * Writes results.json and results.md beside this file.
 *
 * Run: pnpm --filter flowglad-trpc bench, or from packages/flowglad-trpc: node --import tsx ../../bench/middleware/run.ts
 *   (env BENCH_SPENDS, default 300; BENCH_ROUNDS, default 3)
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import type { Readable, Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { createEmulator, type Emulator } from '../../packages/flowglad-emulator/src/index'
import { createGatedApp, type GatedApp } from '../../packages/flowglad-trpc/test/support/createGatedApp'
import { type TestUser, testUser } from '../../packages/flowglad-trpc/test/support/createTestApp'
import { startRedis } from '../../packages/flowglad-trpc/test/support/redis'
import type { BenchWorkerArgs, BenchWorkerResult } from './worker'

const HERE = new URL('./', import.meta.url)
const SPENDS = Number(process.env.BENCH_SPENDS ?? 300)
/** Rounds of the throughput measurements (each setup once per round, order rotated). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CONCURRENCY = 8
const COLD_INSTANCES = 4

const emulator: Emulator = await createEmulator()
const redis = await startRedis()
const app: GatedApp = createGatedApp({ flowglad: { apiKey: emulator.apiKey, baseURL: emulator.url } })

/** Upstream requests made by `run`, from the emulator's log. */
async function upstreamCalls(run: () => Promise<unknown>): Promise<number> {
  emulator.control.clearRequests()
  await run()
  return emulator.control.requests().length
}

/** A customer on Pro (1000 api_calls, the advanced_analytics feature). */
async function proCustomer(): Promise<TestUser> {
  const user = testUser()
  const caller = app.createCaller(user)
  await caller.flowglad.customer.findOrCreate()
  const session = await caller.flowglad.checkout.create({
    priceSlug: 'pro_monthly',
    successUrl: 'https://app.test/ok',
    cancelUrl: 'https://app.test/cancel',
  })
  emulator.control.completeCheckoutSession(session.id)
  return user
}

// 1. Upstream calls.
const upstream: { operation: string; upstreamCalls: number; note: string }[] = []
{
  const user = await proCustomer()
  const caller = app.createCaller(user)
  await caller.flowglad.billing.get()
  upstream.push({
    operation: 'requireFeature, billing already read in the request',
    upstreamCalls: await upstreamCalls(() => caller.analytics.export()),
    note: 'extra calls after flowglad.billing.get in the same request (shared memo)',
  })
  {
    const request = app.createCaller(user)
    app.resolved.length = 0
    const calls = await upstreamCalls(() =>
      Promise.all([request.analytics.export(), request.flowglad.billing.get()]),
    )
    upstream.push({
      operation: 'requireFeature + flowglad.billing.get, one request',
      upstreamCalls: calls,
      note: `one billing read; the customer resolver ran ${app.resolved.length} time(s) for both`,
    })
  }
  upstream.push({
    operation: 'requireFeature, cold request',
    upstreamCalls: await upstreamCalls(() => app.createCaller(user).analytics.export()),
    note: 'one billing read',
  })
  const sequential = 20
  upstream.push({
    operation: 'spend (sequential, per call)',
    upstreamCalls:
      (await upstreamCalls(async () => {
        for (let i = 0; i < sequential; i++) await app.createCaller(user).usage.callApi({ calls: 1 })
      })) / sequential,
    note: 'balance read + usage event (written by the usageEvents.create handler, which reuses the read)',
  })
  upstream.push({
    operation: 'read-then-record baseline (sequential, per call)',
    upstreamCalls:
      (await upstreamCalls(async () => {
        for (let i = 0; i < sequential; i++) await app.createCaller(user).usage.readThenRecord({ calls: 1 })
      })) / sequential,
    note: 'the pattern issue #10 replaces (not race-free)',
  })
  const racer = testUser()
  await app.createCaller(racer).flowglad.customer.findOrCreate()
  upstream.push({
    operation: 'spend x20 concurrent, each the whole balance (per call)',
    upstreamCalls:
      (await upstreamCalls(() =>
        Promise.allSettled(
          Array.from({ length: 20 }, () => app.createCaller(racer).usage.callApi({ calls: 100 })),
        ),
      )) / 20,
    note: 'concurrent spends share one balance read; 19 refused record nothing',
  })
}

// Worker processes (2. and 3.).
const workerFile = fileURLToPath(new URL('./worker.ts', HERE))
function startWorker(args: BenchWorkerArgs) {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(
    process.execPath,
    ['--import', 'tsx', workerFile, JSON.stringify(args)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  )
  let out = ''
  let err = ''
  let onReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => {
    onReady = resolve
  })
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    if (out.includes('ready\n')) onReady()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString()
  })
  const done = new Promise<BenchWorkerResult>((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? ''
      if (code !== 0 || !line.startsWith('{'))
        return reject(new Error(`worker exited ${code}:\n${out}\n${err}`))
      resolve(JSON.parse(line) as BenchWorkerResult)
    })
  })
  done.catch(onReady)
  return { ready, done, go: () => child.stdin.end('go\n') }
}

/** Starts `processes` workers, releases them together, returns their results. */
async function runWorkers(processes: number, args: (index: number) => BenchWorkerArgs) {
  const workers = Array.from({ length: processes }, (_, index) => startWorker(args(index)))
  await Promise.all(workers.map((w) => w.ready))
  for (const w of workers) w.go()
  return Promise.all(workers.map((w) => w.done))
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}
const round = (value: number, digits = 1) => Number(value.toFixed(digits))

// 2. Throughput and latency for one customer.
interface ThroughputRow {
  setup: string
  processes: number
  spends: number
  succeeded: number
  spendsPerSecond: number
  p50Ms: number
  p95Ms: number
  upstreamCallsPerSpend: number
  ratioVsBaseline?: number
  /** This setup's spends/s over the baseline's, per round (the median is `ratioVsBaseline`). */
  ratiosPerRound?: number[]
}
const setups: { setup: string; processes: number; mode: BenchWorkerArgs['mode']; redis: boolean }[] = [
  {
    setup: 'read-then-record baseline (unsafe), 1 process',
    processes: 1,
    mode: 'readThenRecord',
    redis: false,
  },
  { setup: 'spend, in-process ledger, 1 process', processes: 1, mode: 'spend', redis: false },
  { setup: 'spend, Redis ledger, 1 process', processes: 1, mode: 'spend', redis: true },
  { setup: 'spend, Redis ledger, 2 processes', processes: 2, mode: 'spend', redis: true },
]
type Setup = (typeof setups)[number]

/** One measurement of one setup on a fresh Pro customer. */
async function measure({ setup, processes, mode, redis: useRedis }: Setup): Promise<ThroughputRow> {
  const user = await proCustomer()
  emulator.control.clearRequests()
  const results = await runWorkers(processes, () => ({
    emulatorUrl: emulator.url,
    apiKey: emulator.apiKey,
    ...(useRedis ? { redisUrl: redis.url } : {}),
    user,
    mode,
    calls: Math.floor(SPENDS / processes),
    concurrency: CONCURRENCY,
  }))
  const latencies = results.flatMap((r) => r.latenciesMs)
  const succeeded = results.reduce((sum, r) => sum + r.succeeded, 0)
  const elapsed = Math.max(...results.map((r) => r.elapsedMs))
  return {
    setup,
    processes,
    spends: latencies.length,
    succeeded,
    spendsPerSecond: round((succeeded / elapsed) * 1000),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    upstreamCallsPerSpend: round(emulator.control.requests().length / latencies.length, 2),
  }
}

// The shared machine's load moves between measurements: every round measures each setup once, in
// an order rotated per round, and each ratio is taken against the baseline of its own round.
const median = (values: number[]) => percentile(values, 50)
const rounds: ThroughputRow[][] = []
for (let r = 0; r < ROUNDS; r++) {
  const row: ThroughputRow[] = new Array(setups.length)
  for (let k = 0; k < setups.length; k++) {
    const index = (k + r) % setups.length
    row[index] = await measure(setups[index]!)
  }
  rounds.push(row)
}
const throughput: ThroughputRow[] = setups.map((setup, index) => {
  const measured = rounds.map((row) => row[index]!)
  const ratiosPerRound = rounds.map((row) => round(row[index]!.spendsPerSecond / row[0]!.spendsPerSecond, 2))
  return {
    setup: setup.setup,
    processes: setup.processes,
    spends: measured.reduce((sum, m) => sum + m.spends, 0),
    succeeded: measured.reduce((sum, m) => sum + m.succeeded, 0),
    spendsPerSecond: round(median(measured.map((m) => m.spendsPerSecond))),
    p50Ms: round(median(measured.map((m) => m.p50Ms))),
    p95Ms: round(median(measured.map((m) => m.p95Ms))),
    upstreamCallsPerSpend: round(median(measured.map((m) => m.upstreamCallsPerSpend)), 2),
    ratioVsBaseline: round(median(ratiosPerRound), 2),
    ratiosPerRound,
  }
})

// 3. Default pricing model, N cold instances.
const pricing: { setup: string; instances: number; pricingCalls: number }[] = []
for (const useRedis of [false, true]) {
  emulator.control.clearRequests()
  await runWorkers(COLD_INSTANCES, () => ({
    emulatorUrl: emulator.url,
    apiKey: emulator.apiKey,
    ...(useRedis ? { redisUrl: redis.url } : {}),
    user: testUser(),
    mode: 'pricing',
    calls: 1,
    concurrency: 1,
  }))
  pricing.push({
    setup: useRedis ? 'shared Redis store' : 'no shared store (baseline)',
    instances: COLD_INSTANCES,
    pricingCalls: emulator.control.requests().filter((r) => r.path === '/api/v1/pricing-models/default')
      .length,
  })
}

await emulator.close()
await redis.stop()

const machine = { cpus: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version }
const results = {
  date: new Date().toISOString(),
  machine,
  spendsPerSetup: SPENDS,
  rounds: ROUNDS,
  concurrency: CONCURRENCY,
  upstream,
  throughput,
  pricing,
}
writeFileSync(new URL('results.json', HERE), `${JSON.stringify(results, null, 2)}\n`)

const table = (header: string[], rows: (string | number | undefined)[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')
const md = `# Billing middleware bench (issue #10)

Run: \`node --import tsx ../../bench/middleware/run.ts\` from packages/flowglad-trpc (${results.date}; ${machine.cpus} CPUs, ${machine.cpu}, Node ${machine.node}).
Emulator over loopback HTTP, a real redis-server, the real \`@flowglad/node\` client and tRPC callers.
The machine is shared with other jobs: absolute numbers are noisy, ratios within the run are the signal.

## Upstream calls

${table(
  ['operation', 'upstream calls', 'note'],
  upstream.map((r) => [r.operation, r.upstreamCalls, r.note]),
)}

Goal: 0 extra per gated call when billing was read, one customer resolution and one billing read per
request, at most 2 per spend.

## One customer, ${SPENDS} spends of 1 credit, ${CONCURRENCY} in flight per process, ${ROUNDS} rounds

Medians over the rounds; each round measures every setup once (order rotated per round), and each
ratio is against the baseline of the same round.

${table(
  [
    'setup',
    'processes',
    'succeeded',
    'spends/s',
    'p50 ms',
    'p95 ms',
    'upstream calls/spend',
    'vs baseline',
    'per round',
  ],
  throughput.map((r) => [
    r.setup,
    r.processes,
    `${r.succeeded}/${r.spends}`,
    r.spendsPerSecond,
    r.p50Ms,
    r.p95Ms,
    r.upstreamCallsPerSpend,
    r.ratioVsBaseline,
    r.ratiosPerRound?.join(', '),
  ]),
)}

The baseline is the hand-written read-then-record pattern: fast, and wrong under concurrency (it
overdraws; see test/server/gates/spendRace*.test.ts). Concurrent spends of one customer share one
balance read per ledger snapshot, so upstream calls per spend can fall below 2.

## Default pricing model, ${COLD_INSTANCES} cold instances (processes) at once

${table(
  ['setup', 'instances', 'pricing calls'],
  pricing.map((r) => [r.setup, r.instances, r.pricingCalls]),
)}
`
writeFileSync(new URL('results.md', HERE), md)
console.log(md)
