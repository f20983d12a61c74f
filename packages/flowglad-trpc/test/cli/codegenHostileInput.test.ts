import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'

// Issue 16 item 5, through the real command (`node src/cli/index.ts`): any slug yields valid
// TypeScript, a control character is refused by name, paths never reach the code, --help works.

const packageDir = fileURLToPath(new URL('../..', import.meta.url))
const bin = join(packageDir, 'src/cli/index.ts')
const work = mkdtempSync(join(tmpdir(), 'flowglad-codegen-hostile-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function codegen(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', bin, ...args], {
    cwd: packageDir,
    encoding: 'utf8',
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A pricing file with these feature slugs (and a product `p_<slug>` each), as JSON strings in YAML. */
function pricingWith(...slugs: string[]): string {
  const q = JSON.stringify
  return `
name: "Hostile"
isDefault: true
features:
${slugs.map((slug) => `  - { type: "toggle", slug: ${q(slug)}, name: "F" }`).join('\n')}
products:
  - product: { name: "Free", slug: "free", default: true }
    price: { type: "subscription", slug: "free_monthly", unitPrice: 0, intervalUnit: "month" }
    features: []
${slugs
  .map(
    (slug, i) => `  - product: { name: "Odd", slug: ${q(`p_${slug}`)} }
    price: { type: "subscription", slug: "odd_${i}", unitPrice: 100, intervalUnit: "month" }
    features: [${q(slug)}]`,
  )
  .join('\n')}
`
}

/** Syntax errors of a TypeScript module, and its `flowgladSlugs` once transpiled and evaluated. */
function compile(source: string): { diagnostics: string[]; slugs: Record<string, string[]> } {
  const file = ts.createSourceFile('gen.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS)
  const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  )
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText
  const module = { exports: {} as { flowgladSlugs?: Record<string, string[]> } }
  new Function('module', 'exports', js)(module, module.exports)
  return { diagnostics, slugs: module.exports.flowgladSlugs ?? {} }
}

describe('flowglad-trpc codegen on hostile input', { timeout: 120_000 }, () => {
  it('writes valid TypeScript whose slugs round-trip exactly, whatever characters they hold', () => {
    const hostile = [
      "it's",
      'back\\slash',
      'end */ of comment',
      '$' + '{template}',
      '`tick`',
      '"double"',
      'café',
      '😀',
      "x'; export const pwned = 1; //",
    ]
    const pricing = join(work, 'hostile.yaml')
    const out = join(work, 'hostile.gen.ts')
    writeFileSync(pricing, pricingWith(...hostile))
    const result = codegen('codegen', '--pricing', pricing, '--out', out)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const source = readFileSync(out, 'utf8')
    const { diagnostics, slugs } = compile(source)
    expect(diagnostics).toEqual([])
    expect(slugs.feature).toEqual([...hostile].sort())
    expect(slugs.product).toEqual(['free', ...hostile.map((slug) => `p_${slug}`)].sort())
    expect(source).not.toMatch(/^export const pwned/m)
  })

  it('refuses a slug with a control character, naming the slug and the file, and writes nothing', () => {
    for (const [slug, named] of [
      ['line\nbreak', '"line\\nbreak"'],
      ['tab\there', '"tab\\there"'],
      ['nul\u0000', '"nul\\u0000"'],
      ['sep\u2028arator', '"sep\u2028arator"'],
    ] as const) {
      const pricing = join(work, 'control.yaml')
      const out = join(work, 'control.gen.ts')
      rmSync(out, { force: true })
      writeFileSync(pricing, pricingWith(slug))
      const result = codegen('codegen', '--pricing', pricing, '--out', out)
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('control.yaml')
      expect(result.stderr).toContain(named)
      expect(result.stderr).toContain('control character')
      expect(existsSync(out)).toBe(false)
    }
  })

  it('never writes a path into the module: an --out or --pricing path with a newline injects nothing', () => {
    const dir = join(work, 'evil\nexport const injected = 1\n//')
    rmSync(dir, { recursive: true, force: true })
    spawnSync('mkdir', ['-p', dir])
    const pricing = join(dir, 'pricing\nexport const fromPricing = 2\n.yaml')
    const out = join(dir, 'out\nexport const fromOut = 3\n.gen.ts')
    writeFileSync(pricing, pricingWith('plain'))
    const result = codegen('codegen', '--pricing', pricing, '--out', out)
    expect(result.code).toBe(0)
    const source = readFileSync(out, 'utf8')
    expect(source).not.toContain('injected')
    expect(source).not.toContain('fromPricing')
    expect(source).not.toContain('fromOut')
    expect(compile(source).diagnostics).toEqual([])
  })

  it('--help prints the options and exit codes (exit 0); a bad option is a usage error (exit 2)', () => {
    for (const args of [['--help'], ['codegen', '--help'], ['-h']]) {
      const result = codegen(...args)
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('Usage: flowglad-trpc codegen')
      expect(result.stdout).toContain('Exit codes:')
      expect(result.stderr).toBe('')
    }
    const bad = codegen('codegen', '--nope')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('Usage: flowglad-trpc codegen')
  })
})
