import { createEmulator, type Emulator } from 'flowglad-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeFlowgladError, flowgladErrorMessages } from '../../../src/core'
import { createGatedApp, type GatedApp, gatedHttpClient } from '../../support/createGatedApp'
import { type TestUser, testUser } from '../../support/createTestApp'

// One error model: a gate's refusal and an upstream failure are read by one helper, the same way
// from the server-side error (createCaller) and from the browser's TRPCClientError (fetch handler,
// the app's formatter spreading `flowgladErrorData`), with one message table.

let emulator: Emulator
let app: GatedApp
beforeAll(async () => {
  emulator = await createEmulator({ listen: false })
  app = createGatedApp({
    flowglad: { apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch },
  })
})
afterAll(() => emulator.close())

const httpClient = (user: TestUser) => gatedHttpClient(app, user)

async function freeCustomer(): Promise<TestUser> {
  const user = testUser()
  await app.createCaller(user).flowglad.customer.findOrCreate()
  return user
}

describe('describeFlowgladError', () => {
  it('reads a refusal the same on the server and in the browser', async () => {
    const user = await freeCustomer()
    const onServer = await app
      .createCaller(user)
      .usage.callApi({ calls: 101 })
      .catch((e) => e)
    const inBrowser = await httpClient(user)
      .usage.callApi.mutate({ calls: 101 })
      .catch((e) => e)
    for (const error of [onServer, inBrowser]) {
      expect(describeFlowgladError(error)).toMatchObject({
        kind: 'insufficient_balance',
        message: flowgladErrorMessages.insufficient_balance,
        refusal: { reason: 'insufficient_balance', balance: 100, requested: 101 },
        failure: null,
      })
    }
  })

  it('reads an upstream failure the same on the server and in the browser', async () => {
    const user = await freeCustomer()
    const fail = () =>
      emulator.control.injectFault({
        match: { method: 'GET', path: '/api/v1/customers/' },
        status: 500,
        times: 1,
      })
    fail()
    const onServer = await app
      .createCaller(user)
      .flowglad.billing.get()
      .catch((e) => e)
    fail()
    const inBrowser = await httpClient(user)
      .flowglad.billing.get.query()
      .catch((e) => e)
    for (const error of [onServer, inBrowser]) {
      expect(describeFlowgladError(error)).toMatchObject({
        kind: 'upstream_error',
        message: flowgladErrorMessages.upstream_error,
        refusal: null,
        failure: { failure: 'upstream_error', status: 500 },
      })
    }
    expect(JSON.stringify(describeFlowgladError(inBrowser))).not.toContain(emulator.apiKey)
  })

  it("is null for an error that is not Flowglad's", async () => {
    const user = await freeCustomer()
    const error = await httpClient(user)
      .usage.failing.mutate({ calls: 1 })
      .catch((e) => e)
    expect(describeFlowgladError(error)).toBeNull()
    expect(describeFlowgladError(new Error('x'))).toBeNull()
  })
})
