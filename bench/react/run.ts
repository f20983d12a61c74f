// bench/react: what a billing dashboard costs with flowglad-trpc's hooks versus @flowglad/react
// 0.18, both over the same emulator, plus the minified+gzipped size of each React entry.
// Run from packages/flowglad-trpc: `node --import tsx ../../bench/react/run.ts` (about 20 s).
// `--sizes` re-measures only the entry sizes (both entries, same run) and keeps the dashboard run
// recorded in results.json, for when the entry changed but the machine is too busy to time loads.
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const packageDir = join(here, '../../packages/flowglad-trpc')
// The bench is not a workspace package: borrow flowglad-trpc's dependencies (same files, so
// React, TanStack and tRPC are single instances shared with the test harness it reuses).
if (!existsSync(join(here, 'node_modules')))
  symlinkSync(join(packageDir, 'node_modules'), join(here, 'node_modules'))

const { measureBundleSizes } = await import('./bundleSize')
const { measureDashboards } = await import('./measureDashboards')
const { renderResults } = await import('./renderResults')
type ReactBenchResults = import('./renderResults').ReactBenchResults

const sizes = await measureBundleSizes(packageDir)
const now = new Date().toISOString()
const previous = JSON.parse(readFileSync(join(here, 'results.json'), 'utf8')) as ReactBenchResults
const results: ReactBenchResults = process.argv.includes('--sizes')
  ? { ...previous, sizes, sizesDate: now }
  : { date: now, node: process.version, sizes, dashboards: await measureDashboards({ iterations: 10 }) }
writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
writeFileSync(join(here, 'results.md'), renderResults(results))
console.log(renderResults(results))
process.exit(0)
