/**
 * flowglad-trpc's server plugin against Flowglad's own SDK (`@flowglad/server` 0.18 `FlowgladServer`),
 * on the same emulator, same operations:
 *   1. upstream requests per operation, counted in the emulator's request log (deterministic);
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
  customerOf,
  type TestApp,
  testUser,
} from '../../packages/flowglad-trpc/test/support/createTestApp'

const HERE = new URL('./', import.meta.url)
const requireFromPackage = createRequire(
  new URL('../../packages/flowglad-trpc/package.json', import.meta.url),
)
/** The slice of `@flowglad/server` 0.18 this bench drives (it is a devDependency of flowglad-trpc). */
interface SdkServer {
  getBilling(): Promise<unknown>
  getPricingModel(): Promise<unknown>
  cancelSubscription(params: { id: string; cancellation: { timing: string } }): Promise<unknown>
}
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

/** Runs one of the SDK's own route handlers (what its `/api/flowglad/<key>` route does), failing loudly. */
async function sdkRoute(key: string, server: SdkServer, data: unknown = {}): Promise<unknown> {
  const handler = routeToHandlerMap[key]
  if (!handler) throw new Error(`no SDK route ${key}`)
  const result = await handler({ method: 'POST', data }, server)
  if (result.status !== 200) throw new Error(`SDK route ${key} failed: ${JSON.stringify(result)}`)
  return result
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400)

/** One row of the upstream-call comparison. */
interface CallCount {
  operation: string
  sdk: number
  plugin: number
}

const count = async (emulator: Emulator, run: () => Promise<unknown>): Promise<number> => {
  emulator.control.clearRequests()
  await run()
  return emulator.control.requests().length
}

/** Flowglad's SDK as its route handlers use it: one scoped server per request. */
const sdkFor = (emulator: Emulator, user: ReturnType<typeof testUser>) =>
  new FlowgladServer({
    apiKey: emulator.apiKey,
    baseURL: emulator.url,
    customerExternalId: user.id,
    getCustomerDetails: async () => ({ email: user.email, name: user.name }),
  })

async function existing(app: TestApp) {
  const user = testUser()
  await app.flowglad.customers.findOrCreate(customerOf(user))
  return user
}

async function callCounts(emulator: Emulator, app: TestApp): Promise<CallCount[]> {
  const rows: CallCount[] = []
  const row = async (operation: string, sdk: () => Promise<number>, plugin: () => Promise<number>) => {
    rows.push({ operation, sdk: await sdk(), plugin: await plugin() })
  }

  await row(
    'billing.get, existing customer',
    async () => {
      const user = await existing(app)
      return count(emulator, () => sdkRoute('customers/billing', sdkFor(emulator, user)))
    },
    async () => {
      const user = await existing(app)
      return count(emulator, () => app.createClient(user).flowglad.billing.get.query())
    },
  )
  await row(
    'billing.get, new customer',
    async () => {
      const user = testUser()
      return count(emulator, () => sdkRoute('customers/billing', sdkFor(emulator, user)))
    },
    async () => {
      const user = testUser()
      return count(emulator, () => app.createClient(user).flowglad.billing.get.query())
    },
  )
  await row(
    '8 billing-derived reads (one page load / one tRPC batch)',
    async () => {
      const user = await existing(app)
      return count(emulator, () => {
        const sdk = () => sdkFor(emulator, user)
        // Published 0.18.0 ships only the billing route of these; at HEAD each of the other list/detail
        // routes is `getBilling()` plus a projection (sdk-reference §2.2), which is what runs here.
        return Promise.all([
          sdkRoute('customers/billing', sdk()),
          ...Array.from({ length: 6 }, () => sdk().getBilling()),
          // The hybrid pricing route calls this for a signed-in customer.
          sdk().getPricingModel(),
        ])
      })
    },
    async () => {
      const client = app.createClient(await existing(app))
      return count(emulator, () =>
        Promise.all([
          client.flowglad.billing.get.query(),
          client.flowglad.subscriptions.list.query(),
          client.flowglad.features.access.query(),
          client.flowglad.paymentMethods.list.query(),
          client.flowglad.invoices.list.query(),
          client.flowglad.purchases.list.query(),
          client.flowglad.customer.get.query(),
          client.flowglad.pricing.get.query(),
        ]),
      )
    },
  )
  const currentId = async (user: ReturnType<typeof testUser>) =>
    (await app.createCaller(user).flowglad.subscriptions.list()).currentSubscription?.id ?? ''
  await row(
    'subscriptions.cancel (id given, ownership checked)',
    async () => {
      const user = await existing(app)
      const id = await currentId(user)
      return count(emulator, () =>
        sdkRoute('subscriptions/cancel', sdkFor(emulator, user), {
          id,
          cancellation: { timing: 'at_end_of_current_billing_period' },
        }),
      )
    },
    async () => {
      const user = await existing(app)
      const id = await currentId(user)
      return count(emulator, () =>
        app.createClient(user).flowglad.subscriptions.cancel.mutate({
          id,
          cancellation: { timing: 'at_end_of_current_billing_period' },
        }),
      )
    },
  )
  await row(
    'subscriptions.uncancel (scheduled cancellation)',
    async () => {
      const user = await existing(app)
      const id = await currentId(user)
      await sdkFor(emulator, user).cancelSubscription({
        id,
        cancellation: { timing: 'at_end_of_current_billing_period' },
      })
      return count(emulator, () => sdkRoute('subscriptions/uncancel', sdkFor(emulator, user), { id }))
    },
    async () => {
      const user = await existing(app)
      const id = await currentId(user)
      await app
        .createCaller(user)
        .flowglad.subscriptions.cancel({ id, cancellation: { timing: 'at_end_of_current_billing_period' } })
      return count(emulator, () => app.createClient(user).flowglad.subscriptions.uncancel.mutate({ id }))
    },
  )
  await row(
    'subscriptions.adjust (no id: the current subscription)',
    async () => {
      const user = await existing(app)
      return count(emulator, () =>
        sdkRoute('subscriptions/adjust', sdkFor(emulator, user), { priceSlug: 'pro_monthly' }),
      )
    },
    async () => {
      const user = await existing(app)
      return count(emulator, () =>
        app.createClient(user).flowglad.subscriptions.adjust.mutate({ priceSlug: 'pro_monthly' }),
      )
    },
  )
  await row(
    'usageEvents.create (defaults: current subscription, amount 1)',
    async () => {
      const user = await existing(app)
      return count(emulator, () =>
        sdkRoute('usage-events/create', sdkFor(emulator, user), { usageMeterSlug: 'api_calls' }),
      )
    },
    async () => {
      const user = await existing(app)
      return count(emulator, () =>
        app.createClient(user).flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls' }),
      )
    },
  )
  await row(
    'resources.claim (no id: the current subscription)',
    async () => {
      const user = await existing(app)
      return count(emulator, () =>
        sdkRoute('resources/claim', sdkFor(emulator, user), { resourceSlug: 'seats', quantity: 1 }),
      )
    },
    async () => {
      const user = await existing(app)
      return count(emulator, () =>
        app.createClient(user).flowglad.resources.claim.mutate({ resourceSlug: 'seats', quantity: 1 }),
      )
    },
  )
  await row(
    'pricing.default x200 concurrent, cold',
    () =>
      count(emulator, () =>
        Promise.all(
          Array.from({ length: 200 }, () =>
            new FlowgladServerAdmin({
              apiKey: emulator.apiKey,
              baseURL: emulator.url,
            }).getDefaultPricingModel(),
          ),
        ),
      ),
    async () => {
      const cold = await createTestApp({ emulator, flowglad: { fetch: undefined } })
      return count(emulator, () =>
        Promise.all(Array.from({ length: 200 }, () => cold.createCaller(null).flowglad.pricing.default())),
      )
    },
  )
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

  // Latency of one billing read for an existing customer. Fresh caller/client per call: no memo.
  const user = await existing(app)
  // The plugin's own @flowglad/node client, called directly: same configuration, no plugin around it.
  const node = await app.flowglad.client()
  const warm = await latencies(
    {
      'direct @flowglad/node customers.retrieveBilling': () => node.customers.retrieveBilling(user.id),
      'plugin via createCaller (billing.get)': () => app.createCaller(user).flowglad.billing.get(),
      'plugin via HTTP handler + httpBatchLink + superjson': () =>
        app.createClient(user).flowglad.billing.get.query(),
      'Flowglad SDK billing route handler (FlowgladServer)': () =>
        sdkRoute('customers/billing', sdkFor(emulator, user)),
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
    latency: latencyRows,
  }
  writeFileSync(new URL('results.json', HERE), `${JSON.stringify(result, null, 2)}\n`)
  const md = [
    '# bench/server: flowglad-trpc server plugin vs Flowglad SDK (`FlowgladServer` 0.18)',
    '',
    `Run ${result.date}, Node ${result.node}, ${result.cpus} CPUs. Same emulator (loopback HTTP) for both sides.`,
    'Regenerate: `pnpm --filter flowglad-trpc bench` (writes this file and results.json).',
    '',
    '## Upstream requests per operation (emulator request log; deterministic)',
    '',
    ...markdownTable(
      ['operation', 'Flowglad SDK', 'flowglad-trpc', 'ratio (plugin / SDK)'],
      [false, true, true, true],
      rows.map((r) => [r.operation, `${r.sdk}`, `${r.plugin}`, (r.plugin / r.sdk).toFixed(2)]),
    ),
    '',
    `## Latency of one billing read, existing customer (median of ${ROUNDS - 20} interleaved rounds)`,
    '',
    'Baseline: a direct `@flowglad/node` call in the same run. Ratio > 1 is the plugin overhead',
    '(customer resolution, tRPC procedure + middleware, error boundary; plus HTTP handler, batching and',
    'superjson for the HTTP row). Each call uses a fresh caller/client, so no memo hides the upstream call.',
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
