import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// Typed slugs through the BUILT package: tsup writes one declaration file per entry, so each entry
// could carry its own copy of `Register`, and the app's augmentation of 'flowglad-trpc' would then
// miss server/react/rsc. These tests read dist/ (run `pnpm build` first) and compile
// typetests/registered, a separate program whose typos must fail to compile.

const packageDir = fileURLToPath(new URL('../..', import.meta.url))
const entries = ['core', 'server', 'react', 'rsc']

describe('Register through the built declarations', () => {
  it('no entry declares its own Register: all import the one the core entry exports', () => {
    for (const ext of ['d.ts', 'd.cts']) {
      for (const entry of entries) {
        const file = join(packageDir, 'dist', entry, `index.${ext}`)
        expect(existsSync(file), `${file} is missing: run pnpm build`).toBe(true)
        expect(readFileSync(file, 'utf8')).not.toMatch(/interface Register\b/)
      }
    }
  })

  it('the generated module narrows every slug: typos fail to compile (tsc on typetests/registered)', () => {
    const tsc = join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc')
    const fallback = join(packageDir, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc')
    const result = spawnSync(
      process.execPath,
      [existsSync(tsc) ? tsc : fallback, '-p', 'typetests/registered/tsconfig.json'],
      { cwd: packageDir, encoding: 'utf8' },
    )
    expect(`${result.stdout}${result.stderr}`).toBe('')
    expect(result.status).toBe(0)
  }, 120_000)
})
