import { appendFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Flowglad from '@flowglad/node'
import { describe, expect, it } from 'vitest'
import { createEmulatorCore, type EmulatorCore } from '../src/core'
import { loadPricingModel } from '../src/index'
import { answerWhenSaved } from '../src/node/answerWhenSaved'
import { type FilePersistence, persistToFile, readDataFile, readStateFile } from '../src/node/filePersistence'
import { JOURNAL_HEADER } from '../src/node/readDataFile'
import { balance, buy, createRig, current, DAY, signUp, spend } from './support/emulatorRig'

const tempDir = () => mkdtempSync(join(tmpdir(), 'flowglad-journal-'))
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown

/** An in-process emulator whose store is visible to the test, persisted to `file` as createEmulator does. */
function journaled(file: string, compactAfterBytes?: number) {
  const loaded = readDataFile(file)
  const core: EmulatorCore = createEmulatorCore({
    catalog: loadPricingModel(),
    ...(loaded ? { data: loaded.data } : {}),
  })
  const persistence: FilePersistence = persistToFile(core.store, file, {
    loaded,
    ...(compactAfterBytes ? { compactAfterBytes } : {}),
  })
  const fetch = answerWhenSaved(core.fetch, persistence) as typeof globalThis.fetch
  const client = new Flowglad({ apiKey: core.apiKey, baseURL: 'http://emulator.test', fetch, maxRetries: 0 })
  const rig = {
    client,
    emulator: { control: core.control },
    uncheckedStatuses: new Set<number>(),
  } as unknown as Parameters<typeof buy>[0]
  return { core, persistence, client, rig }
}

describe('journal data file', { timeout: 60_000 }, () => {
  it('replays to exactly the live state after plans, usage, renewals, a cancel and a reset', async () => {
    const file = join(tempDir(), 'state.json')
    const { core, persistence, client, rig } = journaled(file)
    await signUp(client, 'gone')
    core.control.reset() // a replaced state object: journaled as a snapshot
    await signUp(client, 'a')
    await signUp(client, 'b')
    await buy(rig, 'pro_monthly', 'a')
    const pro = await current(client, 'a')
    for (let i = 0; i < 5; i++) await spend(client, pro.id, 3, `tx${i}`)
    core.control.advanceClock(40 * DAY) // renewals rewrite balances and periods in place
    await spend(client, pro.id, 2, 'after-renewal')
    await client.subscriptions.cancel(pro.id, {
      cancellation: { timing: 'at_end_of_current_billing_period' },
    } as never)
    await persistence.close()
    const lines = readFileSync(file, 'utf8').split('\n')
    expect(lines[0]).toBe(JOURNAL_HEADER.trim())
    expect(lines.filter((l) => l.startsWith('{"commit"')).length).toBeGreaterThan(5)
    expect(plain(readStateFile(file))).toEqual(plain(core.store.data))
    expect(readStateFile(file)?.customers.map((c) => c.externalId)).toEqual(['a', 'b'])
  })

  it('a usage event appends one short line, however many events are stored', async () => {
    const file = join(tempDir(), 'state.json')
    const { persistence, client } = journaled(file)
    const { subscription } = await signUp(client)
    const lineAfter = async (transactionId: string) => {
      await spend(client, subscription?.id as string, 1, transactionId)
      return readFileSync(file, 'utf8').trimEnd().split('\n').at(-1) as string
    }
    const early = await lineAfter('first')
    for (let i = 0; i < 200; i++) await spend(client, subscription?.id as string, 1, `fill${i}`)
    const late = await lineAfter('last')
    await persistence.close()
    expect(late).toContain('"usageEvents":[[201,')
    // Only the new event and the balance it spent, not the 200 before it.
    expect(late.length).toBeLessThan(early.length + 40)
    expect(late).not.toContain('fill')
  })

  it('compacts in the background: the file stays bounded and still replays to the live state', async () => {
    const dir = tempDir()
    const file = join(dir, 'state.json')
    const { core, persistence, client } = journaled(file, 4096)
    const { subscription } = await signUp(client)
    let largest = 0
    for (let i = 0; i < 400; i++) {
      await spend(client, subscription?.id as string, 1, `tx${i}`)
      largest = Math.max(largest, statSync(file).size)
    }
    const events = core.store.data.usageEvents.length
    await persistence.close()
    expect(readdirSync(dir)).toEqual(['state.json'])
    const journalLines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{"commit"'))
    // Without compaction every one of the 400 commits would still be in the file.
    expect(journalLines.length).toBeLessThan(400)
    expect(readFileSync(file, 'utf8').split('\n')[1]).toMatch(/^\{"snapshot":/)
    // Never more than twice the state (snapshot + commits up to its size) plus the trigger.
    expect(largest).toBeLessThan(2 * statSync(file).size + 3 * 4096)
    const loaded = readStateFile(file)
    expect(loaded?.usageEvents).toHaveLength(events)
    expect(plain(loaded)).toEqual(plain(core.store.data))
  })

  it('concurrent writes during background compactions all land in the compacted file', async () => {
    const dir = tempDir()
    const file = join(dir, 'state.json')
    const { core, persistence, client } = journaled(file, 2048)
    const { subscription } = await signUp(client)
    for (let batch = 0; batch < 12; batch++) {
      await Promise.all(
        Array.from({ length: 25 }, (_, i) => spend(client, subscription?.id as string, 1, `b${batch}_${i}`)),
      )
    }
    await persistence.close()
    expect(readdirSync(dir)).toEqual(['state.json'])
    expect(readStateFile(file)?.usageEvents).toHaveLength(300)
    expect(plain(readStateFile(file))).toEqual(plain(core.store.data))
  })

  it('ignores and removes a compaction temp file left by a killed process', async () => {
    const dir = tempDir()
    const file = join(dir, 'state.json')
    const first = await createRig({ dataFile: file })
    await signUp(first.client, 'a')
    await first.close()
    writeFileSync(`${file}.2147483646.compact.tmp`, `${JOURNAL_HEADER}{"snapshot":{"version":1,"custo`)
    const second = await createRig({ dataFile: file })
    expect(readdirSync(dir)).toEqual(['state.json'])
    await signUp(second.client, 'b')
    await second.close()
    expect(readStateFile(file)?.customers.map((c) => c.externalId)).toEqual(['a', 'b'])
  })

  it('loads a whole-state JSON file written before the journal, and converts it on the next write', async () => {
    const dir = tempDir()
    const file = join(dir, 'state.json')
    // Build the state in memory and write it the way the snapshot persister did: JSON.stringify(store.data).
    const { core, client, rig } = journaled(join(dir, 'scratch', 'state.json'))
    await signUp(client)
    await buy(rig, 'pro_monthly')
    const pro = await current(client)
    await spend(client, pro.id, 7, 'tx')
    writeFileSync(file, JSON.stringify(core.store.data))
    expect(readFileSync(file, 'utf8').startsWith('{"version":1,')).toBe(true)

    const legacy = await createRig({ dataFile: file })
    expect((await current(legacy.client)).id).toBe(pro.id)
    expect(await balance(legacy.client)).toBe(993)
    await spend(legacy.client, pro.id, 7, 'tx') // known transaction: not counted twice
    await spend(legacy.client, pro.id, 5, 'tx2')
    await legacy.close()
    expect(readFileSync(file, 'utf8').startsWith(JOURNAL_HEADER)).toBe(true)

    const again = await createRig({ dataFile: file })
    expect(await balance(again.client)).toBe(988)
    await again.close()
  })

  it('drops a torn last line (a crash mid-append) and appends after the last whole one', async () => {
    const file = join(tempDir(), 'state.json')
    const first = await createRig({ dataFile: file })
    await signUp(first.client, 'a')
    await first.close()
    appendFileSync(file, '{"commit":99,"rows":{"customers":[[1,{"externalId":"torn"')
    const second = await createRig({ dataFile: file })
    await signUp(second.client, 'b')
    await second.close()
    expect(readStateFile(file)?.customers.map((c) => c.externalId)).toEqual(['a', 'b'])
  })

  it('refuses to start on a corrupt line before the end, naming the file and the line', async () => {
    const file = join(tempDir(), 'state.json')
    const first = await createRig({ dataFile: file })
    await signUp(first.client, 'a')
    await signUp(first.client, 'b')
    await signUp(first.client, 'c')
    await first.close()
    const lines = readFileSync(file, 'utf8').split('\n')
    lines[2] = '{"commit":1,"rows":'
    writeFileSync(file, lines.join('\n'))
    await expect(createRig({ dataFile: file })).rejects.toThrow(`${file}: line 3 is corrupt`)
  })
})
