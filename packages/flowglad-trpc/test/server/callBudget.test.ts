import { fileURLToPath } from 'node:url'
import { Flowglad as FlowgladNode } from '@flowglad/node'
import { build } from 'esbuild'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { flowgladActions } from '../../src/core/actions'
import { getFlowgladErrorData } from '../../src/server'
import { createCustomerScope } from '../../src/server/customer/customerScope'
import { type CallBudget, createCallBudget } from '../../src/server/engine/callBudget'
import { runHandler } from '../../src/server/engine/runHandler'
import { flowgladHandlers } from '../../src/server/handlers'
import { runtimeOf } from '../../src/server/router/createFlowglad'
import { createBudgetedClients } from '../../src/server/upstream/createBudgetedClient'
import { createUpstreamFetch, type UpstreamFetch } from '../../src/server/upstream/createUpstreamFetch'
import { createRateLimitGate } from '../../src/server/upstream/rateLimitGate'
import { createTestApp, customerOf, type TestApp, testUser } from '../support/createTestApp'

// The time budget is passed explicitly (no async context storage): runHandler creates it, the
// handler's scope and client draw on it, a nested call shares it, and every write it sends is
// counted. Through the real @flowglad/node client, the emulator and the router.

let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ flowglad: { timeoutMs: 3_000 } })
})
afterAll(() => app.close())
beforeEach(() => {
  app.emulator.control.clearFaults()
  app.emulator.control.clearRequests()
  app.errors.length = 0
})

const billingPath = { method: 'GET', path: '/api/v1/customers/' }

/** Runs `billing.get` for `user` through runHandler, as one handler nested in `outer`. */
function nestedBilling(user: ReturnType<typeof testUser>, outer: CallBudget, requestKey: object = {}) {
  const runtime = runtimeOf(app.flowglad)
  const scope = createCustomerScope(runtime, customerOf(user), requestKey)
  return runHandler(
    runtime,
    flowgladActions.billing.get,
    flowgladHandlers.billing.get,
    async () => scope,
    undefined,
    { budget: outer },
  )
}

/** The error a promise rejects with, and how long it took. */
async function timedFailure(call: () => Promise<unknown>) {
  const started = performance.now()
  const error = await call().then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  return { error: error as { code?: string } | undefined, ms: performance.now() - started }
}

describe('a nested call', () => {
  it("keeps the outer handler's deadline, not a fresh timeoutMs", async () => {
    const user = testUser()
    await app.flowglad.customers.findOrCreate(customerOf(user))
    app.emulator.control.injectFault({ match: billingPath, latencyMs: 5_000, times: 5 })
    const outer = createCallBudget(600)
    const { error, ms } = await timedFailure(() => nestedBilling(user, outer))
    expect(error?.code).toBe('GATEWAY_TIMEOUT')
    // The runtime's own budget is 3 s: the nested call ended at the outer deadline.
    expect(ms).toBeGreaterThan(500)
    expect(ms).toBeLessThan(1_500)
  })

  it('settles by the deadline even while it waits on a read it did not start', async () => {
    const user = testUser()
    await app.flowglad.customers.findOrCreate(customerOf(user))
    app.emulator.control.clearRequests()
    const runtime = runtimeOf(app.flowglad)
    const requestKey = {}
    // Another handler of the same request started the billing read, and it never answers.
    void runtime.billing.get(requestKey, user.id, () => new Promise(() => {}))
    const { error, ms } = await timedFailure(() => nestedBilling(user, createCallBudget(400), requestKey))
    expect(error?.code).toBe('GATEWAY_TIMEOUT')
    expect(ms).toBeGreaterThan(350)
    expect(ms).toBeLessThan(1_200)
    expect(app.emulator.control.requests(billingPath)).toHaveLength(0)
  })

  it("counts its writes in the outer handler's budget too", async () => {
    const user = testUser()
    const api = app.flowglad.forCustomer(customerOf(user))
    await api.customer.findOrCreate()
    const runtime = runtimeOf(app.flowglad)
    const outer = createCallBudget(runtime.timeoutMs)
    const scope = createCustomerScope(runtime, customerOf(user), {})
    const run = (action: 'usage' | 'billing') =>
      action === 'usage'
        ? runHandler(
            runtime,
            flowgladActions.usageEvents.create,
            flowgladHandlers.usageEvents.create,
            async () => scope,
            { usageMeterSlug: 'api_calls', amount: 1 },
            { budget: outer, capMutations: false },
          )
        : runHandler(
            runtime,
            flowgladActions.billing.get,
            flowgladHandlers.billing.get,
            async () => scope,
            undefined,
            {
              budget: outer,
            },
          )
    await run('billing')
    expect(outer.writesSent).toBe(0)
    await run('usage')
    expect(outer.writesSent).toBe(1)
  })
})

describe('one deadline clock for every handler in flight', () => {
  it('ends each handler at its own deadline, whichever started first', async () => {
    const users = [testUser(), testUser(), testUser()]
    for (const user of users) await app.flowglad.customers.findOrCreate(customerOf(user))
    app.emulator.control.injectFault({ match: billingPath, latencyMs: 8_000, times: 3 })
    const [late, early, middle] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]]
    // Started in this order: the clock is armed for 2.5 s, then must move earlier (0.5 s), and
    // once that one has ended, must still fire for the 1.4 s one and the 2.5 s one.
    const runs = [
      timedFailure(() => nestedBilling(late, createCallBudget(2_500))),
      timedFailure(() => nestedBilling(early, createCallBudget(500))),
      timedFailure(() => nestedBilling(middle, createCallBudget(1_400))),
    ]
    const [lateRun, earlyRun, middleRun] = await Promise.all(runs)
    for (const run of [lateRun, earlyRun, middleRun]) expect(run?.error?.code).toBe('GATEWAY_TIMEOUT')
    expect(earlyRun?.ms).toBeGreaterThan(400)
    expect(earlyRun?.ms).toBeLessThan(1_300)
    expect(middleRun?.ms).toBeGreaterThan(1_300)
    expect(middleRun?.ms).toBeLessThan(2_300)
    expect(lateRun?.ms).toBeGreaterThan(2_400)
    expect(lateRun?.ms).toBeLessThan(4_000)
  })
})

describe('writes are counted wherever the handler sends them', () => {
  it('a customer created by customer.findOrCreate whose answer is lost: outcome unknown, not "not applied"', async () => {
    const user = testUser()
    app.emulator.control.injectFault({
      match: { method: 'POST', path: '/api/v1/customers' },
      status: 503,
      times: 1,
    })
    const { error } = await timedFailure(() => app.createCaller(user).flowglad.customer.findOrCreate())
    // The create went through the customer directory on the handler's budget, so it was counted:
    // a 503 after the write was sent may come from a proxy after Flowglad applied it.
    expect(error?.code).toBe('BAD_GATEWAY')
    expect(getFlowgladErrorData(error)?.outcome).toBe('unknown')
    expect(app.emulator.control.requests({ method: 'POST', path: '/api/v1/customers' })).toHaveLength(1)
  })
})

describe('leased clients', () => {
  let emulator: Emulator
  beforeAll(async () => {
    emulator = await createEmulator({ listen: false })
  })
  afterAll(() => emulator.close())

  /** The policy over the emulator, recording which budget each request drew on. */
  function recordingClients() {
    const seen: (CallBudget | undefined)[] = []
    const policy = createUpstreamFetch({
      fetch: emulator.fetch,
      budgetMs: 3_000,
      maxRetries: 0,
      gate: createRateLimitGate(),
    })
    const send: UpstreamFetch = (budget, ...rest) => {
      seen.push(budget)
      return policy(budget, ...rest)
    }
    const clients = createBudgetedClients(
      { apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch, maxRetries: 0 },
      send,
    )
    return { clients, seen }
  }

  it('a request keeps the budget of the handler that made it, even once its client serves another', async () => {
    const { clients, seen } = recordingClients()
    const first = createCallBudget(3_000)
    const second = createCallBudget(3_000)
    const client = clients.lease(first)
    const pending = client.pricingModels.retrieveDefault()
    clients.release(client)
    const reused = clients.lease(second)
    expect(reused).toBe(client)
    await Promise.all([pending, reused.pricingModels.retrieveDefault()])
    expect(seen).toEqual([first, second])
  })

  it('two running handlers never share a client, and a double release does not make one idle twice', () => {
    const { clients } = recordingClients()
    const one = clients.lease(createCallBudget(3_000))
    clients.release(one)
    clients.release(one)
    const a = clients.lease(createCallBudget(3_000))
    const b = clients.lease(createCallBudget(3_000))
    expect(a).not.toBe(b)
  })

  it('the raw client has no budget: each request gets a fresh one', async () => {
    const { clients, seen } = recordingClients()
    await clients.client.pricingModels.retrieveDefault()
    expect(seen).toEqual([undefined])
  })

  it('sends the SDK User-Agent (Flowglad/JS), whatever the subclass is called', async () => {
    const agents: string[] = []
    const fetch = (input: string | URL | Request, init?: RequestInit) => {
      agents.push(new Headers(init?.headers).get('user-agent') ?? '')
      return emulator.fetch(input, init)
    }
    const own = createBudgetedClients(
      { apiKey: emulator.apiKey, baseURL: emulator.url, fetch, maxRetries: 0 },
      createUpstreamFetch({ fetch, budgetMs: 3_000, maxRetries: 0, gate: createRateLimitGate() }),
    )
    await own.lease(createCallBudget(3_000)).pricingModels.retrieveDefault()
    expect(agents[0]).toMatch(/^Flowglad\/JS /)
  })

  it("hands fetch the request init a plain @flowglad/node client sends: same keys, same order, nothing of the library's", async () => {
    const inits: { keys: (string | symbol)[]; method?: string | undefined }[] = []
    const fetch = (input: string | URL | Request, init?: RequestInit) => {
      inits.push({ keys: Reflect.ownKeys(init ?? {}), method: init?.method })
      return emulator.fetch(input, init)
    }
    const options = { apiKey: emulator.apiKey, baseURL: emulator.url, fetch, maxRetries: 0 }
    await new FlowgladNode(options).pricingModels.retrieveDefault()
    const own = createBudgetedClients(
      options,
      createUpstreamFetch({ fetch, budgetMs: 3_000, maxRetries: 0, gate: createRateLimitGate() }),
    )
    await own.lease(createCallBudget(3_000)).pricingModels.retrieveDefault()
    await own.client.pricingModels.retrieveDefault()
    // One object shape for undici's Request, whoever sends: a second one slows every caller's fetch.
    expect(inits[0]?.keys).toEqual(['signal', 'method', 'headers'])
    expect(inits[1]).toEqual(inits[0])
    expect(inits[2]).toEqual(inits[0])
  })
})

describe('no async context storage', () => {
  it('nothing on the server path reaches node:async_hooks or AsyncLocalStorage (edge bundles)', async () => {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('../../src/server/index.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      external: ['@trpc/*', '@flowglad/node', 'zod', 'zod/*', 'flowglad-emulator'],
      logLevel: 'silent',
    })
    const text = bundle.outputFiles[0]?.text ?? ''
    expect(text).toContain('settleByDeadline')
    expect(text).not.toMatch(/async_hooks|AsyncLocalStorage|getBuiltinModule/)
  }, 60_000)
})
