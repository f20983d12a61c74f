/**
 * flowglad-trpc's server plugin against Flowglad's own SDK (`@flowglad/server` 0.18 `FlowgladServer`),
 * on the same emulator, same handlers:
 *   1. upstream requests per handler, counted in the emulator's request log (deterministic), over
 *      the scenario table test/server/upstreamCalls.test.ts asserts (test/support/upstreamScenarios.ts);
 *   2. the plugin's added latency per call over a direct `@flowglad/node` call, as a ratio measured
 *      in the same run (interleaved rounds, medians).
 * FlowgladServer takes no custom fetch, so the emulator listens on a loopback port and both sides
 * use the global fetch. Writes results.json and results.md beside this file.
 *
 * Run: pnpm --filter flowglad-trpc bench   (env BENCH_ROUNDS, default 400)
 */
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { performance } from 'node:perf_hooks'
import { createEmulator, type Emulator } from '../../packages/flowglad-emulator/src/index'
import {
  createTestApp,
  type TestApp,
  type TestUser,
} from '../../packages/flowglad-trpc/test/support/createTestApp'
import {
  existingCustomer,
  type SdkServer,
  type SdkSide,
  upstreamScenarios,
} from '../../packages/flowglad-trpc/test/support/upstreamScenarios'
import { measureUpstreamCost } from './upstreamCost'

const HERE = new URL('./', import.meta.url)
const requireFromPackage = createRequire(
  new URL('../../packages/flowglad-trpc/package.json', import.meta.url),
)
/** How `@flowglad/server` 0.18 is loaded (it is a devDependency of flowglad-trpc). */
type RouteHandler = (
  params: { method: 'POST'; data: unknown },
  server: SdkServer,
) => Promise<{ status: number }>
interface SdkModule {
  FlowgladServer: new (params: {
    apiKey: string
    baseURL: string
    customerExternalId: string
    getCustomerDetails: (externalId: string) => Promise<{ email: string; name: string }>
  }) => SdkServer
  FlowgladServerAdmin: new (options: {
    apiKey: string
    baseURL: string
  }) => {
    getDefaultPricingModel(): Promise<unknown>
  }
  routeToHandlerMap: Record<string, RouteHandler>
}
const { FlowgladServer, FlowgladServerAdmin, routeToHandlerMap } = requireFromPackage(
  '@flowglad/server',
) as SdkModule

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400)

/** One row of the upstream-call comparison. */
interface CallCount {
  handler: string
  sdk: number
  plugin: number
}

const count = async (emulator: Emulator, run: () => Promise<unknown>): Promise<number> => {
  emulator.control.clearRequests()
  await run()
  return emulator.control.requests().length
}

/** Flowglad's SDK as its route handlers use it: one scoped server per request. */
const sdkFor = (emulator: Emulator, user: TestUser): SdkSide => {
  const server = new FlowgladServer({
    apiKey: emulator.apiKey,
    baseURL: emulator.url,
    customerExternalId: user.id,
    getCustomerDetails: async () => ({ email: user.email, name: user.name }),
  })
  return {
    server,
    // What the SDK's `/api/flowglad/<key>` route does, failing loudly.
    route: async (key, body = {}) => {
      const handler = routeToHandlerMap[key]
      if (!handler) throw new Error(`no SDK route ${key}`)
      const result = await handler({ method: 'POST', data: body }, server)
      if (result.status !== 200) throw new Error(`SDK route ${key} failed: ${JSON.stringify(result)}`)
      return result
    },
  }
}

/** Both sides of every shared scenario, each from its own fresh starting state, plus the pricing cache. */
async function callCounts(emulator: Emulator, app: TestApp): Promise<CallCount[]> {
  const rows: CallCount[] = []
  for (const scenario of upstreamScenarios) {
    const setup = scenario.setup ?? existingCustomer
    const sdkStart = await setup(app)
    const sdk = await count(emulator, () => scenario.sdk(sdkFor(emulator, sdkStart.user), sdkStart))
    const pluginStart = await setup(app)
    const plugin = await count(emulator, () => scenario.plugin(app, pluginStart))
    // The figures the test and docs quote must be the ones measured here.
    if (sdk !== scenario.sdkRequests || plugin !== scenario.pluginRequests.length)
      throw new Error(
        `${scenario.name}: measured SDK ${sdk} / plugin ${plugin}, the scenario table says ` +
          `${scenario.sdkRequests} / ${scenario.pluginRequests.length}`,
      )
    rows.push({ handler: scenario.name, sdk, plugin })
  }
  rows.push({
    handler: 'pricing.default x200 concurrent, cold',
    sdk: await count(emulator, () =>
      Promise.all(
        Array.from({ length: 200 }, () =>
          new FlowgladServerAdmin({
            apiKey: emulator.apiKey,
            baseURL: emulator.url,
          }).getDefaultPricingModel(),
        ),
      ),
    ),
    plugin: await createTestApp({ emulator, flowglad: { fetch: undefined } }).then((cold) =>
      count(emulator, () =>
        Promise.all(Array.from({ length: 200 }, () => cold.createCaller(null).flowglad.pricing.default())),
      ),
    ),
  })
  return rows
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** Per-call latency (ms) of each variant, interleaved round by round so drift hits all of them. */
async function latencies(variants: Record<string, () => Promise<unknown>>, rounds: number) {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]))
  for (let i = 0; i < rounds; i++)
    for (const [name, run] of Object.entries(variants)) {
      const start = performance.now()
      await run()
      samples[name]?.push(performance.now() - start)
    }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values.slice(20))]))
}

/** A markdown table laid out the way the repo's formatter (Biome) writes it, so results.md stays clean. */
function markdownTable(headers: string[], rightAligned: boolean[], rows: string[][]): string[] {
  const widths = headers.map((header, i) =>
    Math.max(3, header.length, ...rows.map((row) => (row[i] ?? '').length)),
  )
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [
    line(headers.map((header, i) => header.padEnd(widths[i] ?? 0))),
    line(widths.map((width, i) => (rightAligned[i] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width)))),
    ...rows.map((row) =>
      line(
        row.map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))),
      ),
    ),
  ]
}

async function main() {
  const emulator = await createEmulator({ port: 0 })
  const app = await createTestApp({ emulator, flowglad: { fetch: undefined } })
  const rows = await callCounts(emulator, app)
  const costRows = await measureUpstreamCost(emulator)

  // Latency of one billing read for an existing customer. Fresh caller/client per call: no memo.
  const { user } = await existingCustomer(app)
  const sdk = sdkFor(emulator, user)
  // The plugin's own @flowglad/node client, called directly: same configuration, no plugin around it.
  const node = await app.flowglad.client()
  const warm = await latencies(
    {
      'direct @flowglad/node customers.retrieveBilling': () => node.customers.retrieveBilling(user.id),
      'plugin via createCaller (billing.get)': () => app.createCaller(user).flowglad.billing.get(),
      'plugin via HTTP handler + httpBatchLink + superjson': () =>
        app.createClient(user).flowglad.billing.get.query(),
      'Flowglad SDK billing route handler, called in-process (FlowgladServer)': () =>
        sdk.route('customers/billing'),
    },
    ROUNDS,
  )
  await emulator.close()

  const baseline = warm['direct @flowglad/node customers.retrieveBilling'] ?? Number.NaN
  const latencyRows = Object.entries(warm).map(([variant, ms]) => ({
    variant,
    medianMs: Number(ms.toFixed(3)),
    ratio: Number((ms / baseline).toFixed(2)),
  }))
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    rounds: ROUNDS,
    upstreamRequests: rows,
    upstreamCostPerUser: costRows,
    latency: latencyRows,
  }
  writeFileSync(new URL('results.json', HERE), `${JSON.stringify(result, null, 2)}\n`)
  const md = [
    '# bench/server: flowglad-trpc server plugin vs Flowglad SDK (`FlowgladServer` 0.18)',
    '',
    `Run ${result.date}, Node ${result.node}, ${result.cpus} CPUs. Same emulator (loopback HTTP) for both sides.`,
    'Regenerate: `pnpm --filter flowglad-trpc bench` (writes this file and results.json).',
    '',
    '## Upstream requests per handler (emulator request log; deterministic)',
    '',
    ...markdownTable(
      ['handler', 'Flowglad SDK', 'flowglad-trpc', 'ratio (plugin / SDK)'],
      [false, true, true, true],
      rows.map((r) => [r.handler, `${r.sdk}`, `${r.plugin}`, (r.plugin / r.sdk).toFixed(2)]),
    ),
    '',
    '## Upstream cost per user: bounds off (before) vs defaults (after), same run',
    '',
    '"Before": billing reuse off, no mutation cap, and for 429 the `@flowglad/node` client as the plugin',
    'used to configure it (2 blind retries). "After": `createFlowglad` defaults (billing reuse 1 s, 10',
    'mutations per request, 429 retried only once and only when its Retry-After fits the 10 s budget).',
    'The sequential figure depends on speed: one read per 1 s reuse window.',
    '',
    ...markdownTable(
      ['scenario', 'before', 'after', 'ratio (after / before)'],
      [false, true, true, true],
      costRows.map((r) => [r.scenario, `${r.before}`, `${r.after}`, (r.after / r.before).toFixed(2)]),
    ),
    '',
    `## Latency of one billing read, existing customer (median of ${ROUNDS - 20} interleaved rounds)`,
    '',
    'Baseline: a direct `@flowglad/node` call in the same run. Ratio > 1 is the plugin overhead',
    '(customer resolution, tRPC procedure + middleware, error boundary; plus HTTP handler, batching and',
    'superjson for the HTTP row). Each call uses a fresh caller/client, so no memo hides the upstream call.',
    'The SDK row calls its route handler function directly (no HTTP, no serialisation): compare it with',
    'the createCaller row; the HTTP row adds what any route adds (request parsing, JSON over the wire).',
    '',
    ...markdownTable(
      ['variant', 'median ms', 'ratio vs direct'],
      [false, true, true],
      latencyRows.map((r) => [r.variant, `${r.medianMs}`, `${r.ratio}`]),
    ),
    '',
  ].join('\n')
  writeFileSync(new URL('results.md', HERE), md)
  console.log(md)
}

await main()
