/**
 * What the engine costs on the common path: one billing read through the plugin (`flowglad.billing.get`)
 * against a hand-written tRPC procedure that calls `@flowglad/node` for the same customer. Same
 * router, same transformer (superjson), billing reuse off (every call reads upstream), the emulator
 * in-process (its fetch, no socket), interleaved rounds (the order alternates), medians. Measured
 * through `createCaller` and through the fetch adapter (a tRPC client over `fetchRequestHandler`).
 * Goal (issue #15): at most 1.05x. Writes engine.json and engine.md beside this file.
 *
 * Run: pnpm build, then node --import tsx ../../bench/server/engine.ts from packages/flowglad-trpc
 * (env BENCH_ROUNDS per pass, default 600; BENCH_PASSES, default 5: the ratio is the median of the
 * passes, min and max beside it, for a shared machine). The plugin side is the built dist/, as apps run it.
 */
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { createEmulator } from '../../packages/flowglad-emulator/src/index'
import type { Flowglad as FlowgladNodeType } from '../../packages/flowglad-trpc/node_modules/@flowglad/node'
import type * as TrpcClient from '../../packages/flowglad-trpc/node_modules/@trpc/client'
import type * as TrpcServer from '../../packages/flowglad-trpc/node_modules/@trpc/server'
import type * as TrpcFetch from '../../packages/flowglad-trpc/node_modules/@trpc/server/adapters/fetch'
import type SuperJSON from '../../packages/flowglad-trpc/node_modules/superjson'
import type * as Plugin from '../../packages/flowglad-trpc/src/server/index'

// Resolved from the library's package (bench/ has no dependencies of its own), as run.ts does.
const fromPackage = createRequire(new URL('../../packages/flowglad-trpc/package.json', import.meta.url))
const load = async <T>(name: string): Promise<T> => import(pathToFileURL(fromPackage.resolve(name)).href)
const { Flowglad: FlowgladNode } = await load<{ Flowglad: typeof FlowgladNodeType }>('@flowglad/node')
const { createTRPCClient, httpLink } = await load<typeof TrpcClient>('@trpc/client')
const { initTRPC } = await load<typeof TrpcServer>('@trpc/server')
const { fetchRequestHandler } = await load<typeof TrpcFetch>('@trpc/server/adapters/fetch')
const superjson = ((await load<{ default: typeof SuperJSON }>('superjson')).default ??
  (await load<typeof SuperJSON>('superjson'))) as typeof SuperJSON

// The built library, as apps run it (the sources through tsx carry transpile-time helpers).
const { createFlowglad, createFlowgladRouter } = (await import(
  new URL('../../packages/flowglad-trpc/dist/server/index.js', import.meta.url).href
)) as typeof Plugin

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 600)
const PASSES = Number(process.env.BENCH_PASSES ?? 5)
const WARMUP = 50
const HERE = new URL('./', import.meta.url)

interface Context {
  readonly userId: string
}

const emulator = await createEmulator({ listen: false })
const flowglad = createFlowglad({
  apiKey: emulator.apiKey,
  baseURL: emulator.url,
  fetch: emulator.fetch,
  billingReuseMs: 0,
})
// The hand-written side: the same @flowglad/node client settings an app would use, same emulator.
const sdk = new FlowgladNode({ apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch })
const t = initTRPC.context<Context>().create({ transformer: superjson })
const customer: Plugin.FlowgladCustomerResolver<Context> = ({ ctx }) => ({
  externalId: ctx.userId,
  email: `${ctx.userId}@bench.test`,
  name: 'Bench',
})
const router = t.router({
  flowglad: createFlowgladRouter({ flowglad, router: t.router, procedure: t.procedure, customer }),
  // The same depth as `flowglad.billing.get`: each router level is one more proxy hop on a call.
  handWritten: t.router({
    billing: t.router({
      get: t.procedure.query(({ ctx }) => sdk.customers.retrieveBilling(ctx.userId)),
    }),
  }),
})

const userId = 'bench_engine_user'
await router.createCaller({ userId }).flowglad.customer.findOrCreate()

const httpClient = createTRPCClient<typeof router>({
  links: [
    httpLink({
      url: 'http://app.bench/api/trpc',
      transformer: superjson,
      fetch: (url, init) =>
        fetchRequestHandler({
          endpoint: '/api/trpc',
          req: new Request(url, init ?? undefined),
          router,
          createContext: () => ({ userId }),
        }),
    }),
  ],
})

type Variant = { readonly name: string; readonly run: () => Promise<unknown> }
const pairs: Record<string, [Variant, Variant]> = {
  createCaller: [
    { name: 'hand-written procedure', run: () => router.createCaller({ userId }).handWritten.billing.get() },
    { name: 'plugin billing.get', run: () => router.createCaller({ userId }).flowglad.billing.get() },
  ],
  'fetch adapter': [
    { name: 'hand-written procedure', run: () => httpClient.handWritten.billing.get.query() },
    { name: 'plugin billing.get', run: () => httpClient.flowglad.billing.get.query() },
  ],
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** One pass over a pair: interleaved rounds, the medians of each side. */
async function measure([baseline, plugin]: [Variant, Variant]) {
  const times: [number[], number[]] = [[], []]
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    // Alternate which side goes first, so neither always meets a warmer cache or a quieter machine.
    const order = round % 2 === 0 ? [0, 1] : [1, 0]
    for (const side of order) {
      const variant = side === 0 ? baseline : plugin
      const started = performance.now()
      await variant.run()
      const elapsed = performance.now() - started
      if (round >= WARMUP) (times[side] as number[]).push(elapsed)
    }
  }
  return { baselineMs: median(times[0]), pluginMs: median(times[1]) }
}

interface Row {
  path: string
  baselineMs: number
  pluginMs: number
  ratio: number
  minRatio: number
  maxRatio: number
}
const passes: Record<string, { baselineMs: number; pluginMs: number }[]> = {}
// Passes alternate the paths too: a noisy minute of the shared machine spreads over both.
for (let pass = 0; pass < PASSES; pass++)
  for (const [path, pair] of Object.entries(pairs)) {
    const results = passes[path] ?? []
    results.push(await measure(pair))
    passes[path] = results
  }
const rows: Row[] = Object.entries(passes).map(([path, results]) => {
  const ratios = results.map((r) => r.pluginMs / r.baselineMs)
  return {
    path,
    baselineMs: median(results.map((r) => r.baselineMs)),
    pluginMs: median(results.map((r) => r.pluginMs)),
    ratio: median(ratios),
    minRatio: Math.min(...ratios),
    maxRatio: Math.max(...ratios),
  }
})
await emulator.close()

const when = new Date().toISOString()
const round3 = (n: number) => Math.round(n * 1000) / 1000
writeFileSync(
  new URL('engine.json', HERE),
  `${JSON.stringify({ when, node: process.version, cpus: availableParallelism(), load: loadavg().map(round3), rounds: ROUNDS, passes: PASSES, rows: rows.map((r) => ({ ...r, baselineMs: round3(r.baselineMs), pluginMs: round3(r.pluginMs), ratio: round3(r.ratio), minRatio: round3(r.minRatio), maxRatio: round3(r.maxRatio) })) }, null, 2)}\n`,
)
const table = rows
  .map(
    (r) =>
      `| ${r.path} | ${round3(r.baselineMs)} | ${round3(r.pluginMs)} | ${r.ratio.toFixed(3)} | ${r.minRatio.toFixed(3)} | ${r.maxRatio.toFixed(3)} |`,
  )
  .join('\n')
writeFileSync(
  new URL('engine.md', HERE),
  `# bench/server/engine: a billing read through the plugin vs a hand-written procedure

Run ${when}, Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}, load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')} at the end), ${PASSES} passes of ${ROUNDS} interleaved rounds after ${WARMUP} warm-up each.
Regenerate: \`pnpm build\`, then \`node --import tsx ../../bench/server/engine.ts\` from packages/flowglad-trpc (writes this file and engine.json). The plugin side is the built \`dist/\`.

One router with superjson; the emulator in-process; billing reuse off, so both sides read billing
upstream on every call. The hand-written side is \`t.procedure.query(({ ctx }) => new
Flowglad(...).customers.retrieveBilling(ctx.userId))\`; the plugin side is \`flowglad.billing.get\` (customer
resolution, the action layer, time budget, error boundary, billing memo). Goal: ratio at most 1.05.
The machine is shared: absolute numbers are noisy, the ratio within the run is the signal.

| path | hand-written median ms | plugin median ms | ratio (plugin / hand-written, median of passes) | min | max |
|---|---:|---:|---:|---:|---:|
${table}
`,
)
console.log(rows)
