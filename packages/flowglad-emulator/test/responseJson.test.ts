import { describe, expect, it } from 'vitest'
import { ResponseJson } from '../src/http/ResponseJson'
import { EmulatorStore } from '../src/state/EmulatorStore'
import { createRig, signUp } from './support/emulatorRig'

const storeStub = () => new EmulatorStore({} as never, { baseUrl: 'http://x' })

describe('ResponseJson', () => {
  it('writes exactly what JSON.stringify writes, for any body', () => {
    const json = new ResponseJson(storeStub())
    const shared = { a: 1, nested: { b: [1, 'two', null] } }
    const bodies: unknown[] = [
      null,
      'text',
      42,
      [shared, shared],
      { shared, again: shared, list: [shared, undefined, () => 1], skipped: undefined, fn: () => 1 },
      { date: new Date(0), 'we"ird': 'key\n', empty: {}, emptyList: [] },
      { toJSON: () => ({ replaced: true }) },
      Object.create({ inherited: 1 }),
    ]
    for (const body of bodies) {
      expect(json.stringify(body, 'GET /x')).toBe(JSON.stringify(body))
      expect(json.stringify(body, 'GET /x')).toBe(JSON.stringify(body)) // second time from the caches
    }
  })

  it('a stored object changed in place is written anew once the store reports the change', () => {
    const store = storeStub()
    const json = new ResponseJson(store)
    const record = { status: 'active' }
    expect(json.stringify({ record }, 'GET /r')).toBe('{"record":{"status":"active"}}')
    record.status = 'canceled'
    store.changed()
    expect(json.stringify({ record }, 'GET /r')).toBe('{"record":{"status":"canceled"}}')
  })

  it('an answer rebuilt from the same stored objects in fresh arrays is the last JSON, and any difference is written anew', () => {
    const json = new ResponseJson(storeStub())
    const a = { id: 'a' }
    const b = { id: 'b' }
    const answer = (items: object[], extra: unknown) => ({
      items: [...items],
      nested: { list: [{ item: items[0] }] },
      extra,
    })
    const expectSame = (body: unknown) => expect(json.stringify(body, 'GET /same')).toBe(JSON.stringify(body))
    expectSame(answer([a, b], 1))
    expectSame(answer([a, b], 1))
    expectSame(answer([b, a], 1))
    expectSame(answer([b], 1))
    expectSame(answer([b], 'one'))
    expectSame({ ...answer([b], 'one'), added: true })
    expectSame({ items: [{ ...b }], nested: { list: [{ item: { id: 'c' } }] }, extra: 'one' })
    expectSame({ items: [{ id: 'd' }], nested: { list: [{ item: { id: 'c' } }] }, extra: 'one' })
  })

  it('billing reads answer the same bytes before and after a change, through the API', async () => {
    const rig = await createRig()
    await signUp(rig.client)
    const read = async () =>
      (
        await rig.emulator.fetch(`${rig.emulator.url}/api/v1/customers/user_1/billing`, {
          headers: { authorization: rig.emulator.apiKey },
        })
      ).text()
    const first = await read()
    expect(await read()).toBe(first)
    await rig.client.customers.update('user_1', { customer: { name: 'Renamed' } } as never)
    const renamed = await read()
    expect(JSON.parse(renamed).customer.name).toBe('Renamed')
    expect(renamed).toBe(JSON.stringify(JSON.parse(renamed)))
    await rig.close()
  })
})
