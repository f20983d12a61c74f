import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractSnippets } from './compileDocSnippets'

// The getting-started guide is an app: each of its TypeScript blocks is a file of a fixture app
// (`fixtures/getting-started`, `fixtures/t3-classic-zod3`), which CI installs from the packed
// packages, builds with no key and walks in Chromium (scripts/check-fixtures.sh). This keeps the
// page and the apps identical, so what a reader pastes is what CI ran.

const repoRoot = resolve(import.meta.dirname, '../../../..')
const guidePath = 'packages/flowglad-trpc/docs/getting-started.md'
const guide = { path: guidePath, text: readFileSync(join(repoRoot, guidePath), 'utf8') }
const codeBlocks = extractSnippets(guide).filter((block) => ['ts', 'tsx'].includes(block.language))

describe('the getting-started guide is the fixture apps', () => {
  it('every TypeScript block names the fixture file it is', () => {
    const unnamed = codeBlocks.filter((block) => !block.fixture).map((block) => `${guidePath}:${block.line}`)
    expect(unnamed, 'blocks without fixture=<app>/<path> in their fence').toEqual([])
    expect(codeBlocks.length).toBeGreaterThanOrEqual(12)
  })

  it.each(codeBlocks.map((block) => [`${block.fixture} (line ${block.line})`, block] as const))(
    '%s is byte for byte the fixture file',
    (_name, block) => {
      const file = readFileSync(join(repoRoot, 'fixtures', block.fixture ?? ''), 'utf8')
      expect(block.code, `copy fixtures/${block.fixture} into ${guidePath}:${block.line}`).toBe(
        file.trimEnd(),
      )
    },
  )

  it('the blocks cover the whole getting-started app, not a selection', () => {
    const shown = new Set(codeBlocks.map((block) => block.fixture))
    for (const file of [
      'server/flowglad.ts',
      'trpc/router.ts',
      'trpc/init.ts',
      'trpc/flowglad.ts',
      'app/pricing/page.tsx',
      'app/pricing/ChoosePlan.tsx',
      'app/dashboard/page.tsx',
      'app/dashboard/Dashboard.tsx',
    ])
      expect(shown.has(`getting-started/${file}`), file).toBe(true)
  })
})
