import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { upstreamScenarios } from '../support/upstreamScenarios'

// docs/parity.md cites tests as `file` › "name", "name", ... and scenarios as scenario "name".
// A renamed or deleted test must fail here, so the parity table never points at nothing.

const PACKAGE = join(import.meta.dirname, '../..')
const doc = readFileSync(join(PACKAGE, 'docs/parity.md'), 'utf8')

/** Every test source of the package, by file name. */
function testFiles(dir: string, found = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) testFiles(path, found)
    else if (/\.test(-d)?\.tsx?$/.test(entry.name)) found.set(basename(path), readFileSync(path, 'utf8'))
  }
  return found
}
const sources = new Map([...testFiles(join(PACKAGE, 'test')), ...testFiles(join(PACKAGE, 'src'))])

/** `(file, test name)` pairs cited by the doc. */
const citations = [
  ...doc.matchAll(/`([\w.-]+\.test(?:-d)?\.tsx?)` › ((?:"(?:[^"\\]|\\.)*"(?:, )?)+)/g),
].flatMap(([, file, names]) =>
  [...(names ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(([, name]) => ({
    file: file ?? '',
    name: (name ?? '').replaceAll('\\"', '"'),
  })),
)

/** The test titles a source declares, as patterns (`it.each` placeholders match anything). */
function titles(source: string): RegExp[] {
  const quoted =
    /(?:it|describe)(?:\.each\([^)]*\))?\(\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1|\]\)\(\s*(['"])((?:(?!\3)[^\\]|\\.)*)\3/g
  return [...source.matchAll(quoted)].map((match) => {
    const title = (match[2] ?? match[4] ?? '').replaceAll("\\'", "'")
    const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    return new RegExp(`^${escaped.replace(/%[sid]|\\\$name/g, '.+')}$`)
  })
}

describe('docs/parity.md', () => {
  it('cites tests', () => {
    expect(citations.length).toBeGreaterThan(80)
  })

  it.each(citations)('cites an existing test: $file › $name', ({ file, name }) => {
    const source = sources.get(file)
    expect(source, `no test file ${file}`).toBeDefined()
    const declared = source?.includes(name) || titles(source ?? '').some((title) => title.test(name))
    expect(declared, `${file} declares no test "${name}"`).toBe(true)
  })

  it('cites only scenarios of the shared upstream table', () => {
    const cited = [...doc.matchAll(/scenario "([^"]+)"/g)].map(([, name]) => name)
    const known = new Set(upstreamScenarios.map((scenario) => scenario.name))
    expect(cited.length).toBeGreaterThan(5)
    expect(cited.filter((name) => !known.has(name ?? ''))).toEqual([])
  })
})
