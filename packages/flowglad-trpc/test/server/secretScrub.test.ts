import { inspect } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, customerOf, type TestApp, type TestUser, testUser } from '../support/createTestApp'

// What an app's `onError` logs: the TRPCError with its whole `cause` chain, printed the way loggers
// print (util.inspect walks every own property, bodies and issues included).

let app: TestApp
let user: TestUser
beforeAll(async () => {
  app = await createTestApp({ flowglad: { maxRetries: 0 } })
  user = testUser()
  await app.flowglad.customers.findOrCreate(customerOf(user))
})
afterAll(() => app.close())
beforeEach(() => {
  app.emulator.control.clearFaults()
  app.errors.length = 0
})

const billingPath = { method: 'GET', path: '/api/v1/customers/' }

/** Everything a logger could print of the error `onError` received. */
function logged(): string {
  const [error] = app.errors
  expect(error).toBeDefined()
  return inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })
}

describe('the API key in what onError logs', () => {
  it('is scrubbed from Flowglad’s error body and its issues, throughout the cause chain', async () => {
    const key = app.emulator.apiKey
    // Flowglad's REST error body: `error` holds the zod issues of a rejected input, which can echo it.
    app.emulator.control.injectFault({
      match: billingPath,
      status: 400,
      body: {
        error: [{ code: 'custom', path: ['authorization'], message: `Bearer ${key} is not valid here` }],
        code: 'BAD_REQUEST',
        request_id: 'req_echo',
      },
      times: 1,
    })
    const response = await app.handle(
      new Request('http://app.test/api/trpc/flowglad.billing.get?batch=1&input={}'),
      user,
    )
    const text = await response.text()
    expect(text).toContain('authorization: Bearer [redacted] is not valid here')
    expect(text).not.toContain(key)
    const chain = logged()
    expect(chain).toContain('req_echo') // the body is there, for debugging...
    expect(chain).toContain('[redacted]')
    expect(chain).not.toContain(key) // ...without the key
  })

  it('is scrubbed from a plain error message body too', async () => {
    const key = app.emulator.apiKey
    app.emulator.control.injectFault({
      match: billingPath,
      status: 500,
      body: { error: `Internal error for key ${key}`, code: 'INTERNAL_SERVER_ERROR', request_id: 'req_500' },
      times: 1,
    })
    await app
      .createClient(user)
      .flowglad.billing.get.query()
      .catch(() => {})
    expect(logged()).not.toContain(key)
  })
})
