import type { BundleSize } from './bundleSize'

interface Cost {
  httpRequests: number
  upstreamRequests: number
  upstreamBillingFetches: number
  msToLoaded: number
  stableCounts: boolean
  runs: number
}

/** The shape `run.ts` writes to results.json. */
export interface ReactBenchResults {
  date: string
  node: string
  sizes: {
    useClientKept: boolean
    flowgladTrpc: BundleSize
    flowgladTrpcClassic: BundleSize
    flowgladTrpcTanstack: BundleSize
    flowgladReact: BundleSize
    flowgladReactWithoutTanstack: BundleSize
  }
  dashboards: { flowgladTrpc: Cost; flowgladReact: Cost }
  /** Set when only the sizes were re-measured (`run.ts --sizes`): when that was. */
  sizesDate?: string
}

const ratio = (ours: number, baseline: number) => `${(ours / baseline).toFixed(2)}×`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

const bytes = (n: number) => `${n.toLocaleString('en-US')} B`
/** The size goal of the React entry: half of `@flowglad/react` with the same peers external. */
const goalBytes = (sizes: ReactBenchResults['sizes']) => sizes.flowgladReactWithoutTanstack.gzippedBytes * 0.5
const goalLine = (client: string, size: BundleSize, sizes: ReactBenchResults['sizes']) =>
  `${client} ${bytes(size.gzippedBytes)} (${size.gzippedBytes <= goalBytes(sizes) ? 'met' : 'NOT met'})`

/** results.md: every figure as a ratio against @flowglad/react measured in the same run. */
export function renderResults({ date, node, sizes, dashboards, sizesDate }: ReactBenchResults): string {
  const ours = dashboards.flowgladTrpc
  const theirs = dashboards.flowgladReact
  const row = (label: string, a: number, b: number, format = String) =>
    `| ${label} | ${format(a)} | ${format(b)} | ${ratio(a, b)} |`
  return `# bench/react

Run ${date} on Node ${node}. Baseline: \`@flowglad/react\` 0.18.0 (+ \`@flowglad/server\` 0.18.0
\`requestHandler\`), measured in the same run against the emulator (a fresh one per load, same pricing model) over HTTP.

## A billing dashboard (plan, pricing, one feature gate, one usage meter)

flowglad-trpc: \`useBilling\` + \`usePricing\` + \`useFeature\` + \`useUsageMeter\` (narrow hooks are
\`select\`s over the one \`billing.get\` query; httpBatchLink batches it with \`pricing.default\`).
Flowglad: \`useBilling\` (its \`checkFeatureAccess\`; 0.18.0 does not export \`useFeature\`) +
\`usePricing\` + \`useUsageMeter\`, one POST each. Signed-in customer that already exists.
Median of ${ours.runs} cold loads each (a fresh process per load: @flowglad/react keeps a module-level QueryClient), alternating; counts identical across runs: ${ours.stableCounts && theirs.stableCounts}.

| | flowglad-trpc | @flowglad/react | ratio |
|---|---:|---:|---:|
${row('HTTP requests from the browser', ours.httpRequests, theirs.httpRequests)}
${row('upstream Flowglad API calls', ours.upstreamRequests, theirs.upstreamRequests)}
${row('upstream billing fetches', ours.upstreamBillingFetches, theirs.upstreamBillingFetches)}
${row('ms until all four widgets show data (median)', ours.msToLoaded, theirs.msToLoaded, (ms) => ms.toFixed(1))}

## React entry size (esbuild, minified, gzip -9)
${sizesDate ? `\nRe-measured ${sizesDate} (\`run.ts --sizes\`, both entries in that run); the dashboard figures above are from the run dated at the top.\n` : ''}
Both libraries with the peers a tRPC app already ships external (${sizes.flowgladReactWithoutTanstack.external.join(', ')}); the ratio's baseline is \`@flowglad/react\` measured the same way, in the same run.

| what the app bundles | minified | gzipped | gzipped vs @flowglad/react |
|---|---:|---:|---:|
| an app module binding the hooks to the classic client (\`createTRPCReact\`) | ${kb(sizes.flowgladTrpcClassic.minifiedBytes)} | ${kb(sizes.flowgladTrpcClassic.gzippedBytes)} | ${ratio(sizes.flowgladTrpcClassic.gzippedBytes, sizes.flowgladReactWithoutTanstack.gzippedBytes)} |
| an app module binding the hooks to \`@trpc/tanstack-react-query\` | ${kb(sizes.flowgladTrpcTanstack.minifiedBytes)} | ${kb(sizes.flowgladTrpcTanstack.gzippedBytes)} | ${ratio(sizes.flowgladTrpcTanstack.gzippedBytes, sizes.flowgladReactWithoutTanstack.gzippedBytes)} |
| all of \`flowglad-trpc/react\` (every export) | ${kb(sizes.flowgladTrpc.minifiedBytes)} | ${kb(sizes.flowgladTrpc.gzippedBytes)} | ${ratio(sizes.flowgladTrpc.gzippedBytes, sizes.flowgladReactWithoutTanstack.gzippedBytes)} |
| \`@flowglad/react\` (baseline) | ${kb(sizes.flowgladReactWithoutTanstack.minifiedBytes)} | ${kb(sizes.flowgladReactWithoutTanstack.gzippedBytes)} | 1.00× |

Goal (issue 17): an app pays for the client it uses, each client's app module ≤ 0.50× the baseline (${bytes(Math.floor(goalBytes(sizes)))} gzipped): ${goalLine('classic', sizes.flowgladTrpcClassic, sizes)}; ${goalLine('@trpc/tanstack-react-query', sizes.flowgladTrpcTanstack, sizes)}.

For reference, \`@flowglad/react\` as it installs (TanStack Query is its dependency, so only React is external): ${kb(sizes.flowgladReact.minifiedBytes)} minified, ${kb(sizes.flowgladReact.gzippedBytes)} gzipped.

Built \`dist/react/index.js\` starts with \`"use client"\`: ${sizes.useClientKept}.

Reproduce: \`pnpm --filter flowglad-trpc build && cd packages/flowglad-trpc && node --import tsx ../../bench/react/run.ts\`.
`
}
