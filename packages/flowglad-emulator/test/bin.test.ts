import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const PACKAGE_DIR = new URL('..', import.meta.url).pathname
const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
  bin: Record<string, string>
  files: string[]
}
const SHIM = join(PACKAGE_DIR, pkg.bin['flowglad-emulator'] ?? '')

describe('the flowglad-emulator bin', { timeout: 30_000 }, () => {
  it('points at committed files, so a fresh install links it before anything is built', () => {
    const tracked = execFileSync('git', ['ls-files', '--', ...Object.values(pkg.bin)], {
      cwd: PACKAGE_DIR,
      encoding: 'utf8',
    })
    expect(
      tracked
        .split('\n')
        .filter(Boolean)
        .map((file) => `./${file}`),
    ).toEqual(Object.values(pkg.bin))
    // ... and published: the folder is in `files`.
    for (const target of Object.values(pkg.bin)) expect(pkg.files).toContain(target.split('/')[1])
  })

  it('runs the built CLI (what `npx flowglad-emulator` starts after a build)', () => {
    const run = spawnSync(process.execPath, [SHIM, '--help'], { encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('Usage: flowglad-emulator')
    expect(run.status).toBe(0)
  })

  it('says to build first when dist is missing, instead of a stack trace', () => {
    const unbuilt = mkdtempSync(join(tmpdir(), 'flowglad-bin-'))
    mkdirSync(join(unbuilt, 'bin'))
    // The shim is ESM through the package's `"type": "module"`; the copy needs the same.
    writeFileSync(join(unbuilt, 'package.json'), '{"type":"module"}')
    const shim = join(unbuilt, 'bin', 'flowglad-emulator.js')
    copyFileSync(SHIM, shim)
    const run = spawnSync(process.execPath, [shim, '--help'], { encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('run `pnpm build` first')
    expect(run.stderr).not.toContain('    at ')
  })
})
