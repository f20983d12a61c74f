import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEmulator } from 'flowglad-emulator'
import { describe, expect, it } from 'vitest'
import { customerOf, testUser } from '../support/createTestApp'
import { importFreshCopy } from './fixtures/importFreshCopy'

function logLines() {
  const lines: string[] = []
  return { lines, logger: { info: (line: string) => lines.push(line) } }
}

const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'flowglad-trpc-')), name)

describe('the dev emulator', () => {
  it('is one per process for the same options: every copy of the library sees one state, logged once', async () => {
    const copyA = await importFreshCopy()
    const copyB = await importFreshCopy()
    const { lines, logger } = logLines()
    const emulator = { listen: false, dataFile: tempFile('shared.json') }
    const first = copyA.createFlowglad({ environment: 'development', emulator, logger })
    const second = copyB.createFlowglad({ environment: 'development', emulator: { ...emulator }, logger })
    const customer = customerOf(testUser())
    await first.forCustomer(customer).usageEvents.create({ usageMeterSlug: 'api_calls', amount: 10 })
    const { usageMeterBalances } = await second.forCustomer(customer).usageMeters.balances()
    expect(usageMeterBalances.find((meter) => meter.slug === 'api_calls')?.availableBalance).toBe(90)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/emulator/)
  })

  it('is a separate emulator (and state) for different options', async () => {
    const { logger } = logLines()
    const { createFlowglad } = await importFreshCopy()
    const one = createFlowglad({ environment: 'development', emulator: { listen: false }, logger })
    const other = createFlowglad({
      environment: 'development',
      emulator: { listen: false, dataFile: tempFile('other.json') },
      logger,
    })
    const customer = customerOf(testUser())
    await one.customers.findOrCreate(customer)
    const [oneClient, otherClient] = await Promise.all([one.client(), other.client()])
    await expect(oneClient.customers.retrieve(customer.externalId)).resolves.toBeDefined()
    await expect(otherClient.customers.retrieve(customer.externalId)).rejects.toMatchObject({ status: 404 })
  })

  it('runs in production only when asked for with the emulator option', async () => {
    const { createFlowglad, FlowgladConfigurationError } = await importFreshCopy()
    // Not at creation (a production build has no key): at first use.
    const unconfigured = createFlowglad({ environment: 'production' })
    const failure = await unconfigured
      .forCustomer(customerOf(testUser()))
      .pricing.default()
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: expect.stringMatching(/emulator/),
    })
    expect((failure as Error).cause).toMatchObject({ cause: expect.any(FlowgladConfigurationError) })
    const flowglad = createFlowglad({
      environment: 'production',
      emulator: { listen: false },
      logger: logLines().logger,
    })
    const { pricingModel } = await flowglad.forCustomer(customerOf(testUser())).pricing.default()
    expect(pricingModel.products.length).toBeGreaterThan(0)
  })

  it('uses the API key when one is set, even with the emulator option', async () => {
    const { createFlowglad } = await importFreshCopy()
    const upstream = await createEmulator({ listen: false, apiKey: 'sk_test_upstream' })
    const { lines, logger } = logLines()
    const flowglad = createFlowglad({
      apiKey: upstream.apiKey,
      baseURL: upstream.url,
      fetch: upstream.fetch,
      emulator: { listen: false },
      logger,
    })
    await flowglad.forCustomer(customerOf(testUser())).pricing.default()
    expect(upstream.control.requests({ path: '/api/v1/pricing-models/default' })).toHaveLength(1)
    expect(lines).toEqual([])
    await upstream.close()
  })
})

describe('the dev emulator at shutdown', () => {
  const child = fileURLToPath(new URL('./fixtures/shutdownChild.ts', import.meta.url))
  const packageDir = fileURLToPath(new URL('../..', import.meta.url))

  function runServer(dataFile: string, externalId: string, mode: 'alone' | 'with-app-handler') {
    return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      const server = spawn(process.execPath, ['--import', 'tsx', child, dataFile, externalId, mode], {
        cwd: packageDir, // where `tsx` resolves, whichever directory the suite runs from
        stdio: 'inherit',
      })
      server.once('error', reject)
      server.once('exit', (code, signal) => resolve({ code, signal }))
    })
  }

  it('flushes state on SIGTERM, then lets the signal stop the process when nothing else handles it', async () => {
    const dataFile = tempFile('alone.json')
    const { externalId } = customerOf(testUser())
    expect(await runServer(dataFile, externalId, 'alone')).toEqual({ code: null, signal: 'SIGTERM' })
    expect(existsSync(dataFile)).toBe(true)
    expect(readFileSync(dataFile, 'utf8')).toContain(externalId)
  }, 20_000)

  it("flushes state on SIGTERM without taking over the app's own shutdown handler", async () => {
    const dataFile = tempFile('with-app.json')
    const { externalId } = customerOf(testUser())
    expect(await runServer(dataFile, externalId, 'with-app-handler')).toEqual({ code: 7, signal: null })
    expect(readFileSync(dataFile, 'utf8')).toContain(externalId)
  }, 20_000)
})
