import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Flowglad from '@flowglad/node'
import { afterEach, describe, expect, it } from 'vitest'

const CLI = new URL('../src/cli.ts', import.meta.url).pathname
/** `--import tsx` resolves from the cwd: run in the package, whatever directory vitest started in. */
const PACKAGE_DIR = new URL('..', import.meta.url).pathname
let child: ChildProcess | undefined

afterEach(() => {
  child?.kill('SIGKILL')
  child = undefined
})

/** Starts the CLI from source and resolves with what it printed once it is listening. */
function startCli(args: string[]): Promise<{ url: string; key: string; output: string }> {
  child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: PACKAGE_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    child?.stdout?.on('data', (chunk: Buffer) => {
      output += chunk
      const url = /FLOWGLAD_BASE_URL=(\S+)/.exec(output)?.[1]
      const key = /FLOWGLAD_SECRET_KEY=(\S+)/.exec(output)?.[1]
      if (url && key) resolve({ url, key, output })
    })
    child?.stderr?.on('data', (chunk: Buffer) => {
      output += chunk
    })
    child?.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${output}`)))
  })
}

const exited = (process: ChildProcess) => new Promise((resolve) => process.once('exit', resolve))

describe('CLI', () => {
  it('prints its URL and key, serves the API, and flushes state on SIGTERM', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'flowglad-cli-')), 'state.json')
    const pricing = new URL('./fixtures/seat-based-billing.yaml', import.meta.url).pathname
    const { url, key } = await startCli([
      '--port',
      '0',
      '--pricing',
      pricing,
      '--data',
      dataFile,
      '--api-key',
      'sk_test_cli',
    ])
    expect(key).toBe('sk_test_cli')
    const client = new Flowglad({ apiKey: key, baseURL: url, maxRetries: 0 })
    const { pricingModel } = await client.pricingModels.retrieveDefault()
    expect(pricingModel.name).toBe('Seat-Based Billing Demo')
    await client.customers.create({ customer: { externalId: 'cli_user', email: 'c@example.com', name: 'C' } })

    const running = child as ChildProcess
    running.kill('SIGTERM')
    expect(await exited(running)).toBe(0)
    const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as { customers: Array<{ externalId: string }> }
    expect(saved.customers.map((c) => c.externalId)).toEqual(['cli_user'])
  })

  it('--check reports a broken pricing file and exits non-zero', async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, '--check', '--pricing', '/nonexistent/pricing.yaml'],
      { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk
    })
    expect(await exited(child)).toBe(1)
    expect(stderr).toContain('Cannot read pricing file /nonexistent/pricing.yaml')
  })
})
