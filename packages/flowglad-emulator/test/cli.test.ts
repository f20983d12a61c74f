import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Flowglad from '@flowglad/node'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readStateFile } from '../src/node/filePersistence'
import { type CliProcess, spawnCli, startCli } from './support/startCli'

let cli: CliProcess | undefined

afterEach(() => {
  cli?.child.kill('SIGKILL')
  cli = undefined
})

describe('CLI', { timeout: 60_000 }, () => {
  it('prints its URL and key, serves the API, and flushes state on SIGTERM', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'flowglad-cli-')), 'state.json')
    const pricing = new URL('./fixtures/seat-based-billing.yaml', import.meta.url).pathname
    const running = await startCli([
      '--port',
      '0',
      '--pricing',
      pricing,
      '--data',
      dataFile,
      '--api-key',
      'sk_test_cli',
    ])
    cli = running
    expect(running.key).toBe('sk_test_cli')
    const client = new Flowglad({ apiKey: running.key, baseURL: running.url, maxRetries: 0 })
    const { pricingModel } = await client.pricingModels.retrieveDefault()
    expect(pricingModel.name).toBe('Seat-Based Billing Demo')
    await client.customers.create({ customer: { externalId: 'cli_user', email: 'c@example.com', name: 'C' } })

    running.child.kill('SIGTERM')
    expect(await running.exited).toBe(0)
    const saved = readStateFile(dataFile) as { customers: Array<{ externalId: string }> }
    expect(saved.customers.map((c) => c.externalId)).toEqual(['cli_user'])
  })

  it('creates the --data folder, logs a failed save on stderr, and saves again once the cause is gone', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'flowglad-cli-')), 'missing')
    const dataFile = join(dir, 'state.json')
    const running = await startCli(['--port', '0', '--data', dataFile])
    cli = running
    const client = new Flowglad({ apiKey: running.key, baseURL: running.url, maxRetries: 0 })
    const create = (externalId: string) =>
      client.customers.create({
        customer: { externalId, email: `${externalId}@example.com`, name: externalId },
      })
    await create('first')
    rmSync(dir, { recursive: true })
    writeFileSync(dir, 'a file where the folder was')
    await expect(create('second')).rejects.toMatchObject({ status: 500 })
    // The child logs before it answers, but its stderr may reach us after the HTTP answer does.
    await vi.waitFor(() => expect(running.output()).toContain(`could not be saved to ${dataFile}`), {
      timeout: 10_000,
    })
    rmSync(dir)
    await create('third')
    running.child.kill('SIGTERM')
    expect(await running.exited).toBe(0)
    const saved = readStateFile(dataFile) as { customers: Array<{ externalId: string }> }
    expect(saved.customers.map((c) => c.externalId)).toEqual(['first', 'second', 'third'])
  })

  it('--check reports a broken pricing file and exits non-zero', async () => {
    cli = spawnCli(['--check', '--pricing', '/nonexistent/pricing.yaml'])
    expect(await cli.exited).toBe(1)
    expect(cli.output()).toContain('Cannot read pricing file /nonexistent/pricing.yaml')
  })
})
