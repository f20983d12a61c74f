import { Flowglad as FlowgladNode } from '@flowglad/node'
import type { TRPCError } from '@trpc/server'
import { type BillingCache, createBillingCache } from './billingCache'
import { type CustomerDirectory, createCustomerDirectory } from './customerDirectory'
import { type DevEmulatorOptions, type FlowgladConnection, startDevEmulator } from './devEmulator'
import { normalizeError } from './normalizeError'
import type { FlowgladStore } from './store/FlowgladStore'
import { sharedPricingLoader } from './store/sharedLoader'
import { createTtlCache, type TtlCache } from './ttlCache'
import type { FlowgladClient, FlowgladLogger, PricingModel } from './types'

/** Options of `createFlowglad`. */
export interface CreateFlowgladOptions {
  /** Flowglad secret key. Absent: the local emulator outside production (or with `emulator` set), else a startup error. */
  readonly apiKey?: string | undefined
  /** Flowglad API base URL (e.g. an out-of-process emulator); defaults to Flowglad's. */
  readonly baseURL?: string | undefined
  /** `fetch` handed to `@flowglad/node` (e.g. an in-process emulator's). */
  readonly fetch?: FlowgladConnection['fetch']
  /** How long the default pricing model is cached in memory; default 60 s, 0 disables (single-flight stays). */
  readonly pricingCacheTtlMs?: number
  /** When set, checkout `successUrl`/`cancelUrl` must be on one of these origins (e.g. `https://app.example.com`). */
  readonly allowedRedirectOrigins?: readonly string[]
  /**
   * Retries `@flowglad/node` makes on 408/409/429/5xx and network errors (default 2, its own default).
   * Writes that are not idempotent (resource claims and releases by quantity) never retry; usage
   * events are retried safely because every event carries a transactionId.
   */
  readonly maxRetries?: number
  /** Per-request timeout in ms (default 60 000, `@flowglad/node`'s). */
  readonly timeoutMs?: number
  /**
   * The local emulator used when there is no API key: one per process and per options, shared by
   * every bundle. Always the fallback outside production; setting it opts in even in production
   * (e.g. `next start` of an example app), where a missing key is otherwise a startup error.
   */
  readonly emulator?: DevEmulatorOptions
  /** Defaults to `process.env.NODE_ENV`; only `'production'` makes a missing key fatal. */
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

/** Everything operations share: the upstream client, caches and the error boundary. */
export interface FlowgladRuntime {
  /** The `@flowglad/node` client (created on first use: the dev emulator starts lazily). */
  client(): Promise<FlowgladClient>
  readonly customers: CustomerDirectory
  readonly billing: BillingCache
  readonly defaultPricing: TtlCache<{ pricingModel: PricingModel }>
  /** Checkout redirect origins allowed (normalised), or undefined when any absolute URL is fine. */
  readonly allowedRedirectOrigins: ReadonlySet<string> | undefined
  /** The one error normaliser, with this runtime's key to scrub. */
  normalize(error: unknown): TRPCError
  /** The shared store from the options, if any. */
  readonly store: FlowgladStore | undefined
}

/** Thrown at startup when the configuration cannot work (e.g. no API key in production). */
export class FlowgladConfigurationError extends Error {
  override readonly name = 'FlowgladConfigurationError'
}

/** Normalises the allowed origins once, at startup, so a typo fails there rather than per checkout. */
function parseOrigins(origins: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (!origins) return undefined
  return new Set(
    origins.map((origin) => {
      if (!URL.canParse(origin))
        throw new FlowgladConfigurationError(`allowedRedirectOrigins: "${origin}" is not an absolute URL`)
      return new URL(origin).origin
    }),
  )
}

/** Resolves the configuration into a runtime; fails fast on a missing production key. */
export function createFlowgladRuntime(options: CreateFlowgladOptions): FlowgladRuntime {
  const environment = options.environment ?? process.env.NODE_ENV
  if (!options.apiKey && !options.emulator && environment === 'production')
    throw new FlowgladConfigurationError(
      'Flowglad API key missing: set FLOWGLAD_SECRET_KEY (createFlowglad({ apiKey })). ' +
        'In production the local emulator only runs when asked for (createFlowglad({ emulator: {...} })).',
    )
  const logger = options.logger ?? console
  let secret = options.apiKey

  let client: Promise<FlowgladClient> | undefined
  const connect = async (): Promise<FlowgladClient> => {
    const connection: FlowgladConnection = options.apiKey
      ? {
          apiKey: options.apiKey,
          // Undefined lets @flowglad/node apply its own default (FLOWGLAD_BASE_URL, then Flowglad's API).
          baseURL: options.baseURL,
          fetch: options.fetch,
        }
      : await startDevEmulator(options.emulator, logger)
    secret = connection.apiKey
    return new FlowgladNode({
      apiKey: connection.apiKey,
      ...(connection.baseURL ? { baseURL: connection.baseURL } : {}),
      ...(connection.fetch ? { fetch: connection.fetch } : {}),
      maxRetries: options.maxRetries ?? 2,
      timeout: options.timeoutMs ?? 60_000,
    })
  }
  const getClient = () => {
    client ??= connect().catch((error: unknown) => {
      client = undefined // let a later call retry a failed start instead of caching the failure
      throw error
    })
    return client
  }

  return {
    client: getClient,
    customers: createCustomerDirectory(getClient),
    billing: createBillingCache(),
    defaultPricing: createTtlCache(
      sharedPricingLoader(options, async () => (await getClient()).pricingModels.retrieveDefault()),
      options.pricingCacheTtlMs ?? 60_000,
    ),
    allowedRedirectOrigins: parseOrigins(options.allowedRedirectOrigins),
    normalize: (error) => normalizeError(error, secret),
    store: options.store,
  }
}
