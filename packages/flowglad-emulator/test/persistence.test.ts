import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parse } from 'yaml'
import { PricingModelError } from '../src/index'
import { readStateFile } from '../src/node/filePersistence'
import { balance, buy, createRig, current, DAY, signUp, spend } from './support/emulatorRig'

const tempDir = () => mkdtempSync(join(tmpdir(), 'flowglad-emulator-'))
/** What a fresh emulator would load from the file, read without starting one. */
const savedCustomers = (file: string) => (readStateFile(file)?.customers ?? []).map((c) => c.externalId)

afterEach(() => {
  vi.restoreAllMocks()
})

describe('persistence', { timeout: 30_000 }, () => {
  it('state (customers, plans, balances, virtual clock) survives a restart', async () => {
    const dataFile = join(tempDir(), 'state.json')
    const first = await createRig({ dataFile })
    await signUp(first.client)
    await buy(first, 'pro_monthly')
    const pro = await current(first.client)
    await spend(first.client, pro.id, 7, 'tx')
    first.emulator.control.advanceClock(3 * DAY)
    const now = first.emulator.control.now()
    await first.close()

    const second = await createRig({ dataFile })
    expect((await current(second.client)).id).toBe(pro.id)
    expect(await balance(second.client)).toBe(993)
    expect(second.emulator.control.now()).toBeGreaterThanOrEqual(now)
    // The transaction id is still known: a retry after restart is not counted twice.
    await spend(second.client, pro.id, 7, 'tx')
    expect(await balance(second.client)).toBe(993)
    await second.close()
  })

  it('an acknowledged write is on disk by the time its answer arrives', async () => {
    const dataFile = join(tempDir(), 'state.json')
    const rig = await createRig({ dataFile })
    await signUp(rig.client, 'a')
    expect(savedCustomers(dataFile)).toEqual(['a'])
    await signUp(rig.client, 'b')
    expect(savedCustomers(dataFile)).toEqual(['a', 'b'])
    await rig.close()
  })

  it('a change made while a save is running is saved after it, with no further request', async () => {
    const dataFile = join(tempDir(), 'state.json')
    const rig = await createRig({ dataFile })
    const savedOffset = () => (existsSync(dataFile) ? (readStateFile(dataFile)?.clockOffsetMs ?? 0) : 0)
    rig.emulator.control.advanceClock(DAY)
    await new Promise((resolve) => setImmediate(resolve)) // the first save is now running
    rig.emulator.control.advanceClock(DAY)
    await expect.poll(savedOffset, { timeout: 5_000 }).toBeGreaterThanOrEqual(2 * DAY)
    await rig.close()
  })

  it('creates the data folder when it does not exist yet', async () => {
    const dataFile = join(tempDir(), 'not', 'yet', 'state.json')
    const rig = await createRig({ dataFile })
    await signUp(rig.client)
    await rig.close()
    expect(savedCustomers(dataFile)).toEqual(['user_1'])
  })

  it('a failed save is logged and answered as an error, and later saves still happen', async () => {
    const dir = join(tempDir(), 'data')
    const dataFile = join(dir, 'state.json')
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const rig = await createRig({ dataFile })
    rig.uncheckedStatuses.add(500)
    await signUp(rig.client, 'before')
    // The folder becomes a plain file: no save can succeed until it is a folder again.
    rmSync(dir, { recursive: true })
    writeFileSync(dir, 'in the way')
    const failed = await signUp(rig.client, 'during').catch((error: unknown) => error)
    expect(failed).toMatchObject({ status: 500 })
    expect(String((failed as Error).message)).toContain('could not be saved')
    expect(logged.mock.calls.flat().join(' ')).toContain(dataFile)
    rmSync(dir)
    await signUp(rig.client, 'after')
    await rig.close()
    // The change that could not be saved then was saved with the next one.
    expect(savedCustomers(dataFile)).toEqual(['before', 'during', 'after'])
    const again = await createRig({ dataFile })
    expect((await again.client.customers.retrieve('during')).customer.externalId).toBe('during')
    await again.close()
  })

  it('close() rejects, naming the file, when its final save fails', async () => {
    const dir = join(tempDir(), 'data')
    const dataFile = join(dir, 'state.json')
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const rig = await createRig({ dataFile })
    rig.emulator.control.advanceClock(DAY) // a change with no request waiting on it
    rmSync(dir, { recursive: true })
    writeFileSync(dir, 'in the way')
    await expect(rig.emulator.close()).rejects.toThrow(dataFile)
    expect(existsSync(dataFile)).toBe(false)
  })

  it('removes temp files left by a killed process when it starts', async () => {
    const dir = tempDir()
    const dataFile = join(dir, 'state.json')
    writeFileSync(`${dataFile}.2147483646.tmp`, '{"version":1,"customers":[')
    const rig = await createRig({ dataFile })
    expect(readdirSync(dir)).toEqual([])
    await signUp(rig.client)
    await rig.close()
    expect(readdirSync(dir)).toEqual(['state.json'])
  })

  it('leaves no temp file, and the file always loads', async () => {
    const dir = tempDir()
    const dataFile = join(dir, 'state.json')
    const rig = await createRig({ dataFile })
    for (const id of ['a', 'b', 'c']) await signUp(rig.client, id)
    await rig.close()
    expect(readdirSync(dir)).toEqual(['state.json'])
    expect(savedCustomers(dataFile)).toEqual(['a', 'b', 'c'])
  })

  it('a leftover temp file from an interrupted write does not affect the saved state', async () => {
    const dir = tempDir()
    const dataFile = join(dir, 'state.json')
    const rig = await createRig({ dataFile })
    await signUp(rig.client)
    await rig.close()
    writeFileSync(`${dataFile}.99999.tmp`, '{"version":1,"customers":[')
    const again = await createRig({ dataFile })
    expect((await again.client.customers.retrieve('user_1')).customer.externalId).toBe('user_1')
    await again.close()
  })

  it('refuses state saved under a pricing file whose slugs changed, naming the file and the slug', async () => {
    const dataFile = join(tempDir(), 'state.json')
    const first = await createRig({ dataFile })
    await signUp(first.client)
    await buy(first, 'pro_monthly')
    await first.close()
    const renamed = readFileSync(new URL('../pricing/default.yaml', import.meta.url), 'utf8').replaceAll(
      'pro_monthly',
      'pro_month',
    )
    const error = await createRig({ dataFile, pricing: parse(renamed) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PricingModelError)
    expect((error as Error).message).toContain(dataFile)
    expect((error as Error).message).toContain('price "pro_monthly" (price_pro_monthly)')
  })

  it('refuses to start on a corrupt state file instead of silently starting empty', async () => {
    const dataFile = join(tempDir(), 'state.json')
    writeFileSync(dataFile, '{ not json')
    await expect(createRig({ dataFile })).rejects.toThrow()
  })
})
