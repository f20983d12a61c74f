import type { TRPCError } from '@trpc/server'
import { type BillingCache, createBillingCache } from '../caches/billingCache'
import { createTtlCache, type TtlCache } from '../caches/ttlCache'
import { type CustomerDirectory, createCustomerDirectory } from '../customer/customerDirectory'
import { type FailureContext, FlowgladConfigurationError, normalizeError } from '../errors/normalizeError'
import type { FlowgladStore } from '../store/FlowgladStore'
import { withSharedInvalidation } from '../store/sharedInvalidation'
import { sharedPricingLoader } from '../store/sharedLoader'
import type { FlowgladLogger, FlowgladNodeClient, PricingModel } from '../types'
import { type BudgetedClients, createBudgetedClients } from '../upstream/createBudgetedClient'
import { createUpstreamFetch } from '../upstream/createUpstreamFetch'
import { type DevEmulatorOptions, type FlowgladConnection, startDevEmulator } from '../upstream/devEmulator'
import { createRateLimitGate } from '../upstream/rateLimitGate'
import type { CallBudget } from './callBudget'
import { createFlowgladAccount, type FlowgladAccount } from './flowgladAccount'
import { createRedirectPolicy, type RedirectPolicy } from './redirects'

/** Options of `createFlowglad`. */
export interface CreateFlowgladOptions {
  /**
   * Flowglad secret key. Absent: the local emulator outside production (or with `emulator` set);
   * in production, the first request fails with a configuration error (building needs no key).
   */
  readonly apiKey?: string | undefined
  /** Flowglad API base URL (e.g. an out-of-process emulator); defaults to Flowglad's. */
  readonly baseURL?: string | undefined
  /** `fetch` handed to `@flowglad/node` (e.g. an in-process emulator's). */
  readonly fetch?: FlowgladConnection['fetch']
  /** How long the default pricing model is cached in memory; default 60 s, 0 disables (single-flight stays). */
  readonly pricingCacheTtlMs?: number
  /**
   * Origins checkout `successUrl`/`cancelUrl` must be on (e.g. `https://app.example.com`). Required
   * for checkout with a key in production or any `sk_live_` key (checked at first checkout).
   */
  readonly allowedRedirectOrigins?: readonly string[]
  /**
   * Extra attempts for an upstream request that is safe to repeat (default 2): reads, and writes
   * Flowglad applies once (usage events by transactionId, cancel/uncancel, claims by id). Writes
   * that could act twice (creating a customer, checkout session or subscription; adjust; claims by
   * quantity) are sent once. All retries fit inside `timeoutMs`.
   */
  readonly maxRetries?: number
  /**
   * Total time for one handler, every upstream request and retry included (default 10 000 ms):
   * a hanging Flowglad fails the call by then (GATEWAY_TIMEOUT for reads, TIMEOUT with outcome
   * `unknown` for writes).
   */
  readonly timeoutMs?: number
  /** Cap on a single upstream request inside that budget (default: whatever is left of it). */
  readonly attemptTimeoutMs?: number
  /**
   * How long a customer's last billing answer is reused across requests (default 1 000 ms, 0 turns
   * it off). Any write through this process drops it at once; checkout sessions turn it off for
   * that customer for an hour, since they complete on Flowglad's page.
   */
  readonly billingReuseMs?: number
  /**
   * Whether a call for a customer Flowglad does not know yet creates it (default true). Flowglad
   * answers an archived customer's externalId with 404 and accepts it for a new customer, so only
   * archives made through this process are recognised (and never re-created implicitly); set it to
   * false when customers are archived elsewhere, and call `customer.findOrCreate` at sign-up.
   */
  readonly implicitCustomerCreation?: boolean
  /** Most Flowglad mutations one HTTP request (tRPC batch) may run (default 10); beyond: TOO_MANY_REQUESTS. */
  readonly maxMutationsPerRequest?: number
  /**
   * Most distinct billing-derived reads (resource usages and claims; the billing payload itself is
   * read once) one HTTP request may send (default 20); identical reads share one call. Beyond: TOO_MANY_REQUESTS.
   */
  readonly maxReadsPerRequest?: number
  /**
   * The local emulator used when there is no API key: one per process and per options, shared by
   * every bundle. Always the fallback outside production; setting it opts in even in production
   * (e.g. `next start` of an example app), where a missing key is otherwise a configuration error.
   */
  readonly emulator?: DevEmulatorOptions
  /** Defaults to `process.env.NODE_ENV`; only `'production'` makes a missing key an error. */
  readonly environment?: string | undefined
  /** Where the one-time emulator notice goes; defaults to `console`. */
  readonly logger?: FlowgladLogger
  /**
   * State shared between instances (e.g. `createRedisStore({ redis })`): the default pricing model
   * is cached there, so N cold instances cost one pricing call, and `createFlowgladMiddleware`
   * holds its spends there unless given another store.
   */
  readonly store?: FlowgladStore
}

/** Everything handlers share: the upstream client, caches and the error boundary. */
export interface FlowgladRuntime {
  /**
   * The `@flowglad/node` client (created on first use: the dev emulator starts lazily). Given a
   * handler's budget, every request of the client draws on it; without, each request gets a fresh
   * `timeoutMs` (calls outside a handler: pricing loader, webhooks, usage retries, the raw client).
   */
  client(budget?: CallBudget): Promise<FlowgladNodeClient>
  /** Takes back the client of a handler that has returned (it makes no more requests). */
  release(budget: CallBudget): void
  readonly customers: CustomerDirectory
  readonly billing: BillingCache
  readonly defaultPricing: TtlCache<{ pricingModel: PricingModel }>
  /** Where checkout may send customers back to (`redirects.ts`). */
  readonly redirects: RedirectPolicy
  /** Total time budget of one handler, in ms. */
  readonly timeoutMs: number
  /** Most mutations one request (tRPC batch) may run. */
  readonly maxMutationsPerRequest: number
  /** Most distinct billing-derived reads (besides the billing payload) one request may send. */
  readonly maxReadsPerRequest: number
  /** The one error normaliser, with this runtime's key to scrub. */
  normalize(error: unknown, context?: FailureContext): TRPCError
  /** The shared store from the options, if any. */
  readonly store: FlowgladStore | undefined
  /** The account's store namespace and signing key (after the client connected: the key is known then). */
  account(): Promise<FlowgladAccount>
}

export { FlowgladConfigurationError }

const missingKeyMessage =
  'Flowglad API key missing: set FLOWGLAD_SECRET_KEY (createFlowglad({ apiKey })). ' +
  'In production the local emulator only runs when asked for (createFlowglad({ emulator: {...} })).'

/**
 * Resolves the configuration into a runtime. Nothing is checked against the environment here:
 * a missing production key is reported by the first call (so `next build` needs no secret).
 */
export function createFlowgladRuntime(options: CreateFlowgladOptions): FlowgladRuntime {
  const environment = options.environment ?? process.env.NODE_ENV
  const logger = options.logger ?? console
  const timeoutMs = options.timeoutMs ?? 10_000
  const gate = createRateLimitGate()
  let secret = options.apiKey

  let clients: Promise<BudgetedClients> | undefined
  let connected: BudgetedClients | undefined
  const connect = async (): Promise<BudgetedClients> => {
    if (!options.apiKey && !options.emulator && environment === 'production')
      throw new FlowgladConfigurationError(missingKeyMessage)
    const connection: FlowgladConnection = options.apiKey
      ? {
          apiKey: options.apiKey,
          // Undefined lets @flowglad/node apply its own default (FLOWGLAD_BASE_URL, then Flowglad's API).
          baseURL: options.baseURL,
          fetch: options.fetch,
        }
      : await startDevEmulator(options.emulator, logger)
    secret = connection.apiKey
    const fetch = connection.fetch ?? ((input, init) => globalThis.fetch(input, init))
    const send = createUpstreamFetch({
      fetch,
      budgetMs: timeoutMs,
      maxRetries: options.maxRetries ?? 2,
      attemptTimeoutMs: options.attemptTimeoutMs,
      gate,
    })
    connected = createBudgetedClients(
      {
        apiKey: connection.apiKey,
        ...(connection.baseURL ? { baseURL: connection.baseURL } : {}),
        fetch,
        // Retries and time limits live in `send`, which knows which requests are safe to repeat
        // and the handler's whole budget; @flowglad/node's own would resend any POST.
        maxRetries: 0,
        timeout: timeoutMs + 5_000,
      },
      send,
    )
    return connected
  }
  const getClients = () => {
    clients ??= connect().catch((error: unknown) => {
      clients = undefined // let a later call retry a failed start instead of caching the failure
      throw error
    })
    return clients
  }
  // A handler's client is leased when it first reaches upstream, and taken back when it returns.
  const bind = (ready: BudgetedClients, budget: CallBudget | undefined): FlowgladNodeClient => {
    if (!budget) return ready.client
    budget.leased ??= ready.lease(budget)
    return budget.leased
  }
  const getClient = (budget?: CallBudget): Promise<FlowgladNodeClient> =>
    connected ? Promise.resolve(bind(connected, budget)) : getClients().then((ready) => bind(ready, budget))
  const release = (budget: CallBudget) => {
    if (!budget.leased || !connected) return
    connected.release(budget.leased)
    budget.leased = undefined
  }
  let account: Promise<FlowgladAccount> | undefined
  const getAccount = () => {
    account ??= getClients().then(
      () => createFlowgladAccount(secret ?? '', options.baseURL ?? ''),
      (error: unknown) => {
        account = undefined
        throw error
      },
    )
    return account
  }

  return {
    client: getClient,
    release,
    customers: createCustomerDirectory(getClient, {
      implicitCreation: options.implicitCustomerCreation ?? true,
    }),
    billing: withSharedInvalidation(
      createBillingCache({ reuseMs: options.billingReuseMs ?? 1_000 }),
      options.store?.generations,
    ),
    defaultPricing: createTtlCache(
      // Shared by every caller: its requests get their own budget, each caller's handler its backstop.
      sharedPricingLoader(options, async () => (await getClient()).pricingModels.retrieveDefault()),
      options.pricingCacheTtlMs ?? 60_000,
    ),
    redirects: createRedirectPolicy(options),
    timeoutMs,
    maxMutationsPerRequest: options.maxMutationsPerRequest ?? 10,
    maxReadsPerRequest: options.maxReadsPerRequest ?? 20,
    normalize: (error, context) => normalizeError(error, secret, context),
    store: options.store,
    account: getAccount,
  }
}
