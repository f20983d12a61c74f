import { initTRPC } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import superjson, { type SuperJSONResult } from 'superjson'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod/v4'
import { inputLimits } from '../../src/core/findInputProblem'
import { fieldLimits } from '../../src/core/inputs'
import { createFlowgladRouter } from '../../src/server'
import { createTestApp, customerOf, type TestApp, testUser } from '../support/createTestApp'

// Hostile input through the real fetch-adapter handler with superjson (which can carry BigInt,
// Date, Map ...): every case is an HTTP 400 BAD_REQUEST with the zod issues, and Flowglad (the
// emulator) sees no request at all. Limits: `inputLimits` and `fieldLimits`, listed in the README.

let app: TestApp
const user = testUser()
beforeAll(async () => {
  app = await createTestApp()
  // The customer exists upstream: a payload that got through would be forwarded at once.
  await app.createCaller(user).flowglad.customer.findOrCreate()
})
afterAll(() => app.close())
beforeEach(() => app.emulator.control.clearRequests())

const urls = { successUrl: 'https://app.test/s', cancelUrl: 'https://app.test/c' }

/** `{ a: { a: ... { a: 1 } } }`, `levels` objects deep, built without recursion. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 1 }
  for (let i = 1; i < levels; i++) value = { a: value }
  return value
}

/** An object with an own key that JavaScript code reading it back would resolve to a prototype. */
function withKey(key: string, value: unknown = 'x'): Record<string, string> {
  // JSON.parse makes `__proto__` an own key, as a request body would.
  return JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`)
}

const manyKeys = (count: number, value: unknown = 1) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, value]))

const fiveMegabytes = 'x'.repeat(5 * 1024 * 1024)

/** One hostile request: a name, the mutation path under `flowglad`, and its input. */
type HostileCase = [name: string, path: string, input: unknown]

const hostileCases: HostileCase[] = [
  // `__proto__` never reaches a superjson app's procedures (superjson drops the own key): see below.
  ...['constructor', 'prototype'].flatMap((key): HostileCase[] => [
    [
      `checkout outputMetadata key "${key}"`,
      'checkout.create',
      { priceSlug: 'pro_monthly', ...urls, outputMetadata: withKey(key) },
    ],
    [
      `resources.claim metadata key "${key}"`,
      'resources.claim',
      { resourceSlug: 'seats', quantity: 1, metadata: withKey(key) },
    ],
    [
      `usage event properties key "${key}", one level down`,
      'usageEvents.create',
      { usageMeterSlug: 'api_calls', properties: { user: withKey(key, { polluted: true }) } },
    ],
  ]),
  [
    'usage event properties nested 2,000 deep',
    'usageEvents.create',
    { usageMeterSlug: 'api_calls', properties: nested(2_000) },
  ],
  [
    `usage event properties one level past the depth limit (${inputLimits.maxDepth})`,
    'usageEvents.create',
    // The input is level 1 and `properties` (the outermost nested object) level 2: the innermost is maxDepth + 1.
    { usageMeterSlug: 'api_calls', properties: nested(inputLimits.maxDepth) },
  ],
  [
    'a BigInt in usage event properties',
    'usageEvents.create',
    { usageMeterSlug: 'api_calls', properties: { n: 10n } },
  ],
  [
    'a Date, a Map and a Set in usage event properties',
    'usageEvents.create',
    { usageMeterSlug: 'api_calls', properties: { at: new Date(), m: new Map([[1, 2]]), s: new Set([1]) } },
  ],
  [
    'NaN and Infinity in usage event properties',
    'usageEvents.create',
    { usageMeterSlug: 'api_calls', properties: { a: Number.NaN, b: Number.POSITIVE_INFINITY } },
  ],
  [
    `more than ${fieldLimits.propertiesKeys} usage event properties`,
    'usageEvents.create',
    { usageMeterSlug: 'api_calls', properties: manyKeys(fieldLimits.propertiesKeys + 1) },
  ],
  [
    'a usageDate past year 9999',
    'usageEvents.create',
    { usageMeterSlug: 'api_calls', usageDate: 8.64e15 + 1 },
  ],
  ['a usageDate before 1970', 'usageEvents.create', { usageMeterSlug: 'api_calls', usageDate: -1 }],
  ['a fractional usageDate', 'usageEvents.create', { usageMeterSlug: 'api_calls', usageDate: 1.5 }],
  ['a 5 MB customer name', 'customer.update', { name: fiveMegabytes }],
  [
    `a customer name of ${fieldLimits.nameLength + 1} characters`,
    'customer.update',
    { name: 'n'.repeat(fieldLimits.nameLength + 1) },
  ],
  [
    `a key of ${inputLimits.maxKeyLength + 1} characters in an ignored field`,
    'customer.update',
    { ['k'.repeat(inputLimits.maxKeyLength + 1)]: 1 },
  ],
  [
    'a 5 MB checkout outputName',
    'checkout.create',
    { priceSlug: 'pro_monthly', ...urls, outputName: fiveMegabytes },
  ],
  [
    `more than ${fieldLimits.metadataKeys} metadata keys`,
    'checkout.create',
    { priceSlug: 'pro_monthly', ...urls, outputMetadata: manyKeys(fieldLimits.metadataKeys + 1) },
  ],
  [
    `a metadata value over ${fieldLimits.metadataValueLength} characters`,
    'resources.claim',
    {
      resourceSlug: 'seats',
      quantity: 1,
      metadata: { note: 'v'.repeat(fieldLimits.metadataValueLength + 1) },
    },
  ],
  [
    `more than ${inputLimits.maxKeys} keys in one object (unknown keys included)`,
    'customer.update',
    manyKeys(inputLimits.maxKeys + 1),
  ],
  [
    `more than ${inputLimits.maxItems} externalIds`,
    'resources.claim',
    {
      resourceSlug: 'seats',
      externalIds: Array.from({ length: inputLimits.maxItems + 1 }, (_, i) => `e${i}`),
    },
  ],
  [
    `more than ${inputLimits.maxValues} values in one input`,
    'usageEvents.create',
    {
      usageMeterSlug: 'api_calls',
      properties: Object.fromEntries(
        Array.from({ length: 50 }, (_, i) => [`k${i}`, Array.from({ length: 250 }, () => 1)]),
      ),
    },
  ],
]

/**
 * The request an attacker sends (not the typed client, whose superjson refuses some of these):
 * superjson's wire format where it can encode the input (BigInt, Date, Map ...), else the same
 * `{ json }` envelope built by hand, which superjson's server side accepts as it is.
 */
function hostileRequest(path: string, input: unknown): Request {
  let body: string
  try {
    body = JSON.stringify(superjson.serialize(input))
  } catch {
    // superjson refuses `constructor` / `prototype` keys on the client: an attacker skips it.
    body = JSON.stringify({ json: input })
  }
  return new Request(`http://app.test/api/trpc/flowglad.${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })
}

describe('hostile input', () => {
  it.each(hostileCases)(
    '%s: HTTP 400 with the issues, before any upstream call',
    async (_name, path, input) => {
      const response = await app.handle(hostileRequest(path, input), user)
      const body = (await response.json()) as { error?: SuperJSONResult }
      const error =
        body.error && superjson.deserialize<{ data?: { code?: string; zodIssues?: string[] } }>(body.error)
      expect(response.status).toBe(400)
      expect(error?.data?.code).toBe('BAD_REQUEST')
      expect(error?.data?.zodIssues?.length).toBeGreaterThan(0)
      expect(app.emulator.control.requests()).toEqual([])
    },
  )

  it('input at every limit is accepted and recorded', async () => {
    const properties = {
      ...manyKeys(fieldLimits.propertiesKeys - 1, 'v'),
      // input (1) > properties (2) > deep (3) > ... : the innermost object is exactly at maxDepth.
      deep: nested(inputLimits.maxDepth - 2),
    }
    const event = await app.createClient(user).flowglad.usageEvents.create.mutate({
      usageMeterSlug: 'api_calls',
      properties,
      usageDate: fieldLimits.maxEpochMs,
    })
    expect(event.usageEvent.properties).toEqual(properties)
  })

  it('server-only actions refuse out-of-range dates too (forCustomer)', async () => {
    const api = app.flowglad.forCustomer(customerOf(user))
    await expect(
      api.subscriptions.create({ priceSlug: 'pro_monthly', startDate: '1969-12-31T23:59:59Z' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    await expect(
      api.subscriptions.create({ priceSlug: 'pro_monthly', trialEnd: 1e20 }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    await expect(
      api.usageEvents.bulkCreate({
        usageEvents: [
          {
            usageMeterSlug: 'api_calls',
            amount: 1,
            subscriptionId: 'sub_1',
            transactionId: 't1',
            properties: { n: 1n } as never,
          },
        ],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    expect(app.emulator.control.requests()).toEqual([])
  })
})

describe('hostile input to an app without a transformer (plain JSON bodies)', () => {
  /** The same Flowglad router in an app with no transformer, where JSON.parse keeps an own `__proto__` key. */
  function plainJsonHandler() {
    const t = initTRPC.context<{ userId: string }>().create({
      errorFormatter: ({ shape, error }) => ({
        ...shape,
        data: { ...shape.data, issues: error.cause instanceof z.ZodError ? error.cause.issues : null },
      }),
    })
    const router = t.router({
      flowglad: createFlowgladRouter({
        flowglad: app.flowglad,
        router: t.router,
        procedure: t.procedure,
        customer: ({ ctx }) => ({ externalId: ctx.userId, email: `${ctx.userId}@example.test` }),
      }),
    })
    return (path: string, json: string) =>
      fetchRequestHandler({
        endpoint: '/api/trpc',
        req: new Request(`http://app.test/api/trpc/flowglad.${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: json,
        }),
        router,
        createContext: () => ({ userId: user.id }),
      })
  }

  const deep = `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`
  it.each([
    [
      'outputMetadata key __proto__',
      'checkout.create',
      '{"priceSlug":"pro_monthly","successUrl":"https://app.test/s","cancelUrl":"https://app.test/c","outputMetadata":{"__proto__":"x"}}',
    ],
    [
      'claim metadata key __proto__',
      'resources.claim',
      '{"resourceSlug":"seats","quantity":1,"metadata":{"__proto__":{"polluted":true}}}',
    ],
    [
      'properties.user key __proto__',
      'usageEvents.create',
      '{"usageMeterSlug":"api_calls","properties":{"user":{"__proto__":{"admin":true}}}}',
    ],
    [
      'properties key constructor',
      'usageEvents.create',
      '{"usageMeterSlug":"api_calls","properties":{"constructor":{"prototype":{"admin":true}}}}',
    ],
    ['a top-level __proto__', 'customer.update', '{"__proto__":{"name":"Mallory"}}'],
    [
      'properties nested 2,000 deep',
      'usageEvents.create',
      `{"usageMeterSlug":"api_calls","properties":${deep}}`,
    ],
  ])('%s: HTTP 400 with the issues, before any upstream call', async (_name, path, json) => {
    const response = await plainJsonHandler()(path, json)
    const body = (await response.json()) as { error?: { data?: { code?: string; issues?: unknown[] } } }
    expect(response.status).toBe(400)
    expect(body.error?.data?.code).toBe('BAD_REQUEST')
    expect(body.error?.data?.issues?.length).toBeGreaterThan(0)
    expect(app.emulator.control.requests()).toEqual([])
  })
})
