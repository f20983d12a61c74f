import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { JourneyResult } from './journey'
import type { PageFigures } from './journeyContext'
import { markdownTable } from './markdownTable'

function find(pages: PageFigures[], label: string): PageFigures | undefined {
  return pages.find((page) => page.page === label)
}

// Ids differ on every run; the shape of the call is what the figures are about.
function anonymise(path: string): string {
  return path
    .replace(/\/customers\/[^/]+/, '/customers/{externalId}')
    .replace(/\/sub_[^/]+/, '/{subscriptionId}')
}

// A long list (a burst of parallel calls) reads better as counts per call, in first-seen order.
function upstreamCalls(paths: string[]): string {
  if (paths.length === 0) return '–'
  if (paths.length <= 5) return paths.join('<br>')
  const counts = new Map<string, number>()
  for (const path of paths) counts.set(path, (counts.get(path) ?? 0) + 1)
  return [...counts].map(([path, count]) => (count > 1 ? `${count}× ${path}` : path)).join('<br>')
}

function ratio(value: number, baseline: number): string {
  return baseline === 0 ? 'n/a' : `${(value / baseline).toFixed(2)}×`
}

/** Writes results.md and results.json (into `benchDir`) from the journey's measurements. */
export async function writeReport(benchDir: string, result: JourneyResult, seconds: number): Promise<void> {
  await mkdir(benchDir, { recursive: true })
  const hydrated = find(result.pages, 'dashboard (first load, pro)')
  const baseline = find(result.pages, 'dashboard (client-rendered baseline)')
  const json = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    journeySeconds: seconds,
    pages: result.pages.map((page) => ({ ...page, upstreamPaths: page.upstreamPaths.map(anonymise) })),
    timeToPlanMs: result.timings,
    dashboardVsClientRendered:
      hydrated && baseline
        ? {
            trpcRequests: { hydrated: hydrated.trpcRequests, baseline: baseline.trpcRequests },
            upstreamRequests: { hydrated: hydrated.upstreamRequests, baseline: baseline.upstreamRequests },
          }
        : null,
  }
  await writeFile(join(benchDir, 'results.json'), `${JSON.stringify(json, null, 2)}\n`)

  const rows = result.pages.map((page) => [
    page.page,
    String(page.trpcRequests),
    String(page.upstreamRequests),
    upstreamCalls(page.upstreamPaths.map(anonymise)),
  ])
  const comparison =
    hydrated && baseline
      ? [
          '## Hydrated dashboard vs the same dashboard rendered on the client',
          '',
          'Baseline: `/dashboard/client`, the same components with no server prefetch, measured in the same run.',
          '',
          ...markdownTable(
            ['figure', 'hydrated', 'client-rendered', 'ratio'],
            [
              [
                '/api/trpc requests on first load',
                String(hydrated.trpcRequests),
                String(baseline.trpcRequests),
                ratio(hydrated.trpcRequests, baseline.trpcRequests),
              ],
              [
                'upstream Flowglad requests',
                String(hydrated.upstreamRequests),
                String(baseline.upstreamRequests),
                ratio(hydrated.upstreamRequests, baseline.upstreamRequests),
              ],
              [
                `time from navigation to the plan on screen (median of ${result.timings.samples})`,
                `${result.timings.hydratedMs.toFixed(0)} ms`,
                `${result.timings.clientRenderedMs.toFixed(0)} ms`,
                ratio(result.timings.hydratedMs, result.timings.clientRenderedMs),
              ],
            ],
          ),
          '',
          'Times are wall-clock on this machine (2 cores, `next start`, emulator in process): compare the ratio, not the milliseconds.',
          '',
        ]
      : []
  const markdown = [
    '# Example app: requests per page',
    '',
    `Measured by the end-to-end journey (\`pnpm --filter web test:e2e\`) in Chromium against \`next start\`, ${json.measuredAt}, Node ${process.version}; the whole journey took ${seconds.toFixed(1)} s.`,
    '',
    '- **/api/trpc requests**: HTTP requests the browser made to the tRPC route handler while the page loaded (a batch counts once).',
    "- **upstream Flowglad requests**: calls the server made to the Flowglad API (the emulator's request log) for that page load.",
    '',
    ...comparison,
    '## Per page load and action',
    '',
    ...markdownTable(
      ['page load or action', '/api/trpc requests', 'upstream Flowglad requests', 'upstream calls'],
      rows,
    ),
    '',
    '## Journey',
    '',
    ...result.steps.map((step) => `- ${step}`),
    '',
  ].join('\n')
  await writeFile(join(benchDir, 'results.md'), markdown)
}
