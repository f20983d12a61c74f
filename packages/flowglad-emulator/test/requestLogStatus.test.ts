import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createRig, type EmulatorRig } from './support/emulatorRig'

// Issue 16 item 6: the request log shows what the client received, not what the handler answered.
let rig: EmulatorRig | undefined
let dir = ''
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true })
  await rig?.close().catch(() => {})
  rig = undefined
})

describe('request log', () => {
  it('logs a write whose save failed as the 500 the client got, over HTTP and in-process', async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'flowglad-log-')), 'data')
    rig = await createRig({ listen: true, dataFile: join(dir, 'state.json') })
    rig.uncheckedStatuses.add(500)
    const create = (externalId: string) =>
      rig?.client.customers.create({
        customer: { externalId, email: `${externalId}@example.com`, name: 'x' },
      })
    await create('saved')
    // The data folder becomes a file: the next save fails.
    rmSync(dir, { recursive: true })
    writeFileSync(dir, 'not a folder')
    await expect(create('unsaved')).rejects.toMatchObject({ status: 500 })
    const viaFetch = await rig.emulator.fetch(`${rig.emulator.url}/api/v1/customers`, {
      method: 'POST',
      headers: { authorization: rig.emulator.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ customer: { externalId: 'in_process', email: 'i@example.com', name: 'i' } }),
    })
    expect(viaFetch.status).toBe(500)
    const logged = rig.emulator.control.requests({ method: 'POST' }).map((entry) => entry.status)
    expect(logged).toEqual([200, 500, 500])
    rmSync(dir)
  })
})
