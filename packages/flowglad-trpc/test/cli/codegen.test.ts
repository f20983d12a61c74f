import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/main'

// `flowglad-trpc codegen` on real files: its command-line logic in-process, and once as the real bin.

const packageDir = fileURLToPath(new URL('../..', import.meta.url))
const cli = join(packageDir, 'src/cli/index.ts')
const work = mkdtempSync(join(tmpdir(), 'flowglad-codegen-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Runs the command line's logic in-process (cwd = the package folder); returns exit code and output. */
async function run(...args: string[]) {
  const lines: string[] = []
  const capture = (...parts: unknown[]) => {
    lines.push(parts.join(' '))
  }
  const log = vi.spyOn(console, 'log').mockImplementation(capture)
  const error = vi.spyOn(console, 'error').mockImplementation(capture)
  const cwd = process.cwd()
  process.chdir(packageDir)
  try {
    return { code: await main(args), out: lines.join('\n') }
  } finally {
    process.chdir(cwd)
    log.mockRestore()
    error.mockRestore()
  }
}

const pricing = (extraFeature = '') => `
name: "Test"
isDefault: true
usageMeters:
  - usageMeter: { name: "Tokens", slug: "tokens" }
features:
  - { type: "toggle", slug: "sso", name: "SSO" }
  - { type: "usage_credit_grant", slug: "monthly_tokens", name: "Tokens", amount: 10, renewalFrequency: "every_billing_period", usageMeterSlug: "tokens" }
${extraFeature}
products:
  - product: { name: "Free", slug: "free", default: true }
    price: { type: "subscription", slug: "free_monthly", unitPrice: 0, intervalUnit: "month" }
    features: ["monthly_tokens"]
  - product: { name: "Team", slug: "team" }
    price: { type: "subscription", slug: "team_monthly", unitPrice: 900, intervalUnit: "month" }
    features: ["sso", "monthly_tokens"]
`

describe('flowglad-trpc codegen', { timeout: 60_000 }, () => {
  it('emits literal unions of every slug kind and the Register augmentation', async () => {
    const file = join(work, 'pricing.yaml')
    const out = join(work, 'flowglad.gen.ts')
    writeFileSync(file, pricing())
    const { code, out: output } = await run('codegen', '--pricing', file, '--out', out)
    expect(output).toContain('wrote')
    expect(code).toBe(0)
    const generated = readFileSync(out, 'utf8')
    expect(generated).toContain("export type FeatureSlug = 'monthly_tokens' | 'sso'")
    expect(generated).toContain("export type ProductSlug = 'free' | 'team'")
    expect(generated).toMatch(/export type PriceSlug = 'free_monthly' \| 'team_monthly'/)
    expect(generated).toContain("export type UsageMeterSlug = 'tokens'")
    expect(generated).toContain('export type ResourceSlug = never')
    expect(generated).toContain("declare module 'flowglad-trpc' {")
    expect(generated).toContain('feature: FeatureSlug')
  })

  it('--check passes when the module is current and fails (exit 1) once the pricing file changes', async () => {
    const file = join(work, 'check.yaml')
    const out = join(work, 'check.gen.ts')
    writeFileSync(file, pricing())
    expect((await run('codegen', '--pricing', file, '--out', out)).code).toBe(0)
    expect((await run('codegen', '--pricing', file, '--out', out, '--check')).code).toBe(0)
    writeFileSync(file, pricing('  - { type: "toggle", slug: "audit_log", name: "Audit log" }'))
    const stale = await run('codegen', '--pricing', file, '--out', out, '--check')
    expect(stale.code).toBe(1)
    expect(stale.out).toContain('out of date')
    // --check never writes.
    expect(readFileSync(out, 'utf8')).not.toContain('audit_log')
  })

  it('keeps the checked-in type-test module in step with the emulator default pricing', async () => {
    const { code, out } = await run(
      'codegen',
      '--pricing',
      '../flowglad-emulator/pricing/default.yaml',
      '--out',
      'typetests/registered/flowglad.gen.ts',
      '--check',
    )
    expect(out).toContain('up to date')
    expect(code).toBe(0)
  })

  it('fails with the file and the problem for a pricing file that does not parse', async () => {
    const file = join(work, 'broken.yaml')
    writeFileSync(file, pricing().replace('features: ["sso", "monthly_tokens"]', 'features: ["sso", "nope"]'))
    const { code, out } = await run('codegen', '--pricing', file, '--out', join(work, 'broken.gen.ts'))
    expect(code).toBe(1)
    expect(out).toContain('broken.yaml')
    expect(out).toContain('nope')
  })

  it('prints usage (exit 2) without --pricing and --out', async () => {
    const { code, out } = await run('codegen', '--pricing', 'x.yaml')
    expect(code).toBe(2)
    expect(out).toContain('Usage: flowglad-trpc codegen')
  })

  it('runs as a command: the bin entry exits 1 on an out-of-date module', () => {
    const file = join(work, 'bin.yaml')
    const out = join(work, 'bin.gen.ts')
    writeFileSync(file, pricing())
    writeFileSync(out, '// stale\n')
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', cli, 'codegen', '--pricing', file, '--out', out, '--check'],
      {
        cwd: packageDir,
        encoding: 'utf8',
      },
    )
    expect(result.stderr).toContain('out of date')
    expect(result.status).toBe(1)
  })
})
