// bench/react: what a billing dashboard costs with flowglad-trpc's hooks versus @flowglad/react
// 0.18, both over the same emulator, plus the minified+gzipped size of each React entry.
// Run from packages/flowglad-trpc: `node --import tsx ../../bench/react/run.ts` (about 20 s).
import { existsSync, symlinkSync, writeFileSync } from 'node:fs'
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

const sizes = await measureBundleSizes(packageDir)
const dashboards = await measureDashboards({ iterations: 10 })
const results = { date: new Date().toISOString(), node: process.version, sizes, dashboards }
writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
writeFileSync(join(here, 'results.md'), renderResults(results))
console.log(renderResults(results))
process.exit(0)
