import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { DashboardCost, Side } from './dashboards'

const here = dirname(fileURLToPath(import.meta.url))
const run = promisify(execFile)

async function loadOnce(side: Side): Promise<DashboardCost> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(here, 'measureOnce.ts'), side], {
    cwd: process.cwd(),
  })
  const line = stdout.trim().split('\n').at(-1) ?? ''
  return JSON.parse(line) as DashboardCost
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

function summarise(runs: DashboardCost[]) {
  const first = runs[0]
  if (!first) throw new Error('no runs')
  // Counts must not vary between runs; if they do, the results say so instead of hiding it.
  const stableCounts = runs.every(
    (run) => run.httpRequests === first.httpRequests && run.upstreamRequests === first.upstreamRequests,
  )
  return { ...first, msToLoaded: median(runs.map((run) => run.msToLoaded)), stableCounts, runs: runs.length }
}

/** Loads each dashboard `iterations` times, alternating, each in a fresh process (cold caches). */
export async function measureDashboards({ iterations }: { iterations: number }) {
  const ours: DashboardCost[] = []
  const theirs: DashboardCost[] = []
  for (let index = 0; index < iterations; index++) {
    ours.push(await loadOnce('flowgladTrpc'))
    theirs.push(await loadOnce('flowgladReact'))
  }
  return { flowgladTrpc: summarise(ours), flowgladReact: summarise(theirs) }
}
