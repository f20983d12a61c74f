import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type ActionDefinition, flowgladActions, isProcedure } from '../../src/core/actions'
import { createTestApp, type TestApp, type TestUser, testUser } from '../support/createTestApp'

// A page on another site can POST a form to the app with the user's cookie (a "simple" request:
// no CORS preflight for multipart/form-data). tRPC hands the FormData to the procedure's input
// parser, so no Flowglad mutation may accept it. Here the session really comes from a cookie.

let app: TestApp
const sessions = new Map<string, TestUser>()
const user = testUser()
const cookie = 'session=s3cr3t'

/** The app's route handler, with a cookie-based session like Better Auth's. */
function handle(request: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: app.appRouter,
    createContext: ({ req }) => {
      const token = /(?:^|;\s*)session=([^;]+)/.exec(req.headers.get('cookie') ?? '')?.[1]
      const signedIn = token ? sessions.get(token) : undefined
      return { session: signedIn ? { user: signedIn } : null }
    },
  })
}

/** What a hostile page's `<form method="post" enctype="multipart/form-data">` sends, cookie included. */
function crossSiteForm(path: string, fields: Record<string, string>): Request {
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) form.append(key, value)
  return new Request(`http://app.test/api/trpc/flowglad.${path}`, {
    method: 'POST',
    headers: { cookie, origin: 'https://evil.test', 'sec-fetch-site': 'cross-site' },
    body: form,
  })
}

/** Every mutation the router mounts, from the registry (a new one is covered without editing this test). */
const mutationPaths = Object.entries(flowgladActions).flatMap(([group, actions]) =>
  Object.entries(actions as Record<string, ActionDefinition>)
    .filter(([, action]) => action.kind === 'mutation' && isProcedure(action))
    .map(([name]) => `${group}.${name}`),
)

/** Form fields that would make each mutation's input valid if it were JSON. */
const plausibleFields: Record<string, Record<string, string>> = {
  'customer.update': { name: 'Mallory' },
  'checkout.create': {
    priceSlug: 'pro_monthly',
    successUrl: 'https://evil.test',
    cancelUrl: 'https://evil.test',
  },
  'subscriptions.cancel': { 'cancellation.timing': 'immediately' },
  'usageEvents.create': { usageMeterSlug: 'api_calls' },
  'resources.claim': { resourceSlug: 'seats', quantity: '1' },
}

beforeAll(async () => {
  app = await createTestApp()
  sessions.set('s3cr3t', user)
  // The customer exists upstream, so a mutation that got through would reach Flowglad at once.
  await app.createCaller(user).flowglad.customer.findOrCreate()
})
afterAll(() => app.close())
beforeEach(() => app.emulator.control.clearRequests())

describe('a cross-site multipart/form-data POST with the session cookie', () => {
  it('covers every mutation the router mounts', () => {
    expect(mutationPaths).toEqual(
      expect.arrayContaining(['subscriptions.uncancel', 'customer.update', 'customer.findOrCreate']),
    )
  })

  it.each(mutationPaths)('%s: HTTP 400 BAD_REQUEST, no upstream request', async (path) => {
    for (const fields of [{}, plausibleFields[path] ?? { id: 'x' }]) {
      const response = await handle(crossSiteForm(path, fields))
      const body = (await response.json()) as { error?: { json?: { data?: { code?: string } } } }
      expect(response.status).toBe(400)
      expect(body.error?.json?.data?.code).toBe('BAD_REQUEST')
    }
    expect(app.emulator.control.requests()).toEqual([])
  })

  it('an application/octet-stream POST is refused the same way', async () => {
    const response = await handle(
      new Request('http://app.test/api/trpc/flowglad.subscriptions.uncancel', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/octet-stream' },
        body: '{}',
      }),
    )
    expect(response.status).toBe(400)
    expect(app.emulator.control.requests()).toEqual([])
  })

  it.each(['text/plain', 'application/x-www-form-urlencoded'])(
    'a %s form POST (also no preflight) is refused by tRPC with 415',
    async (contentType) => {
      const response = await handle(
        new Request('http://app.test/api/trpc/flowglad.subscriptions.uncancel', {
          method: 'POST',
          headers: { cookie, 'content-type': contentType },
          body: contentType === 'text/plain' ? '{"json":{}}' : 'id=x',
        }),
      )
      expect(response.status).toBe(415)
      expect(app.emulator.control.requests()).toEqual([])
    },
  )

  it('the same cookie with a JSON POST (what the app itself sends) does reach Flowglad', async () => {
    const response = await handle(
      new Request('http://app.test/api/trpc/flowglad.customer.update', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ json: { name: 'Ada Lovelace' } }),
      }),
    )
    expect(response.status).toBe(200)
    expect(app.emulator.control.requests().length).toBeGreaterThan(0)
  })
})
