import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileDocSnippets, docFiles, extractSnippets, formatSnippetErrors } from './compileDocSnippets'

const repoRoot = resolve(import.meta.dirname, '../../../..')

describe('code blocks in the docs', () => {
  it('finds the ts/tsx blocks of every README and docs page', () => {
    const docs = docFiles(repoRoot).map((doc) => doc.path)
    expect(docs).toEqual(expect.arrayContaining(['README.md', 'packages/flowglad-trpc/README.md']))
    expect(docs.some((path) => path.startsWith('packages/flowglad-trpc/docs/'))).toBe(true)
    const compiled = docFiles(repoRoot)
      .flatMap(extractSnippets)
      .filter((s) => s.compiled)
    expect(compiled.length).toBeGreaterThan(10)
  })

  it('all compile against the library source', () => {
    const errors = compileDocSnippets(docFiles(repoRoot))
    expect(formatSnippetErrors(errors), 'doc snippets that no longer compile').toBe('')
  }, 180_000)

  it('a broken block fails with its document and line', () => {
    const doc = [
      '# Example',
      '',
      '```ts',
      "import { createFlowglad } from 'flowglad-trpc/server'",
      "const flowglad = createFlowglad({ apiKey: 'sk' })",
      'flowglad.noSuchMethod()',
      '```',
      '',
      '```ts nocompile',
      'this is not typescript',
      '```',
    ].join('\n')
    const errors = compileDocSnippets([{ path: 'docs/example.md', text: doc }])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ doc: 'docs/example.md', line: 6 })
    expect(errors[0]!.message).toContain("Property 'noSuchMethod' does not exist")
    expect(formatSnippetErrors(errors)).toMatch(/^docs\/example\.md:6: TS2339/)
  }, 180_000)
})
