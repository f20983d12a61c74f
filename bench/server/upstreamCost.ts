/**
 * Upstream cost per user (issue 9 item 7): requests one user's traffic sends to Flowglad, before
 * and after the bounds, measured in the same run on one emulator. "Before" is the library with the
 * bounds turned off (no billing reuse, no mutation cap) and, for 429s, the `@flowglad/node` client
 * configured as the plugin used to (its own 2 blind retries); "after" is the defaults.
 */
import { createRequire } from 'node:module'
import type { Emulator } from '../../packages/flowglad-emulator/src/index'
import {
  createTestApp,
  customerOf,
  type TestApp,
  testUser,
} from '../../packages/flowglad-trpc/test/support/createTestApp'

// @flowglad/node is flowglad-trpc's dependency, not the workspace root's: resolve it from there.
const { Flowglad: FlowgladNode } = createRequire(
  new URL('../../packages/flowglad-trpc/package.json', import.meta.url),
)('@flowglad/node') as {
  Flowglad: new (options: {
    apiKey: string
    baseURL: string
    maxRetries: number
  }) => {
    customers: { retrieveBilling(externalId: string): Promise<unknown> }
  }
}

/** One measured row: upstream requests before and after. */
export interface CostRow {
  scenario: string
  before: number
  after: number
}

const BILLING = { method: 'GET', path: '/api/v1/customers/' }

async function requestsFor(emulator: Emulator, filter: object, run: () => Promise<unknown>): Promise<number> {
  emulator.control.clearRequests()
  await run()
  return emulator.control.requests(filter).length
}

/** 100 billing.get from one user over the app's HTTP handler, one after another or all at once. */
async function billingReads(emulator: Emulator, app: TestApp, concurrent: boolean): Promise<number> {
  const user = testUser()
  await app.flowglad.customers.findOrCreate(customerOf(user))
  return requestsFor(emulator, BILLING, async () => {
    if (concurrent)
      await Promise.all(
        Array.from({ length: 100 }, () => app.createClient(user).flowglad.billing.get.query()),
      )
    else for (let i = 0; i < 100; i++) await app.createClient(user).flowglad.billing.get.query()
  })
}

/** One tRPC batch of 50 usage events: writes that reach Flowglad. */
async function batchWrites(emulator: Emulator, app: TestApp): Promise<number> {
  const client = app.createClient(testUser())
  await client.flowglad.billing.get.query()
  return requestsFor(emulator, { method: 'POST' }, () =>
    Promise.allSettled(
      Array.from({ length: 50 }, () =>
        client.flowglad.usageEvents.create.mutate({ usageMeterSlug: 'api_calls' }),
      ),
    ),
  )
}

/** Requests sent for `calls` billing reads (one user each) while Flowglad answers 429. */
async function underRateLimit(
  emulator: Emulator,
  calls: number,
  concurrent: boolean,
  read: (externalId: string) => Promise<unknown>,
): Promise<number> {
  // A different user per call, so in-flight merging of one customer's reads does not count here.
  const reads = () => read(testUser().id).catch(() => undefined)
  emulator.control.injectFault({ match: BILLING, status: 429, times: 1_000 })
  const sent = await requestsFor(emulator, BILLING, async () => {
    if (concurrent) await Promise.all(Array.from({ length: calls }, reads))
    else for (let i = 0; i < calls; i++) await reads()
  })
  emulator.control.clearFaults()
  return sent
}

/** Every row, before and after; the emulator must listen over HTTP (both sides use global fetch). */
export async function measureUpstreamCost(emulator: Emulator): Promise<CostRow[]> {
  const before = await createTestApp({
    emulator,
    flowglad: { fetch: undefined, billingReuseMs: 0, maxMutationsPerRequest: Number.POSITIVE_INFINITY },
  })
  const after = await createTestApp({ emulator, flowglad: { fetch: undefined, billingReuseMs: undefined } })
  // The client the plugin used to build: @flowglad/node's own retries (2) on 429.
  const oldClient = new FlowgladNode({ apiKey: emulator.apiKey, baseURL: emulator.url, maxRetries: 2 })
  const viaOldClient = (externalId: string) => oldClient.customers.retrieveBilling(externalId)
  const viaPlugin = (externalId: string) =>
    after
      .createClient({ id: externalId, email: `${externalId}@example.test`, name: 'R' })
      .flowglad.billing.get.query()
  return [
    {
      scenario: '100 sequential billing.get, one user (HTTP requests)',
      before: await billingReads(emulator, before, false),
      after: await billingReads(emulator, after, false),
    },
    {
      scenario: '100 concurrent billing.get, one user (HTTP requests)',
      before: await billingReads(emulator, before, true),
      after: await billingReads(emulator, after, true),
    },
    {
      scenario: 'one tRPC batch of 50 usageEvents.create (writes sent)',
      before: await batchWrites(emulator, before),
      after: await batchWrites(emulator, after),
    },
    {
      scenario: '5 sequential billing reads under 429 (no Retry-After)',
      before: await underRateLimit(emulator, 5, false, viaOldClient),
      after: await underRateLimit(emulator, 5, false, viaPlugin),
    },
    {
      scenario: '20 concurrent billing reads under 429 (no Retry-After)',
      before: await underRateLimit(emulator, 20, true, viaOldClient),
      after: await underRateLimit(emulator, 20, true, viaPlugin),
    },
  ]
}
