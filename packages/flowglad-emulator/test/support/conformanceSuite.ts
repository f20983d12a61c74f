import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeMismatches } from './conformanceClient'
import {
  type ConformanceTarget,
  type ConformanceTargetKind,
  conformanceTargetKind,
  openConformanceTarget,
} from './conformanceTarget'

/**
 * The two-target conformance pattern (README › Conformance). A file in `test/conformance/` calls
 * `useConformanceTarget()` once, then declares its checks with `conformanceTest`; the same file runs
 * against the emulator (`pnpm test:unit`) and against Flowglad's server (`pnpm test:oracle`).
 */

/** The kind this run checks (from the environment, so it is known while tests are declared). */
export const targetKind: ConformanceTargetKind = conformanceTargetKind()

/** Per-target limits: the oracle is `next dev` on a shared 2-core machine (0.4–4 s a request). */
const TIMEOUTS: Record<ConformanceTargetKind, { test: number; hook: number }> = {
  emulator: { test: 15_000, hook: 30_000 },
  oracle: { test: 240_000, hook: 300_000 },
  flowglad: { test: 60_000, hook: 120_000 },
}

/** The marker `scripts/conformance-summary.mjs` counts; it carries the reason into the test's name. */
export const DIFFERS_MARKER = '[expected to differ on'

/** Why a check is expected to fail on a target: one sentence, printed with the run's counts. */
export type Differences = Partial<Record<ConformanceTargetKind, string>>

/** What a conformance file works with: the opened target plus helpers every check needs. */
export interface ConformanceContext {
  readonly target: ConformanceTarget
  readonly client: ConformanceTarget['client']
  /** The default pricing model as the target serves it (its ids differ per target, its slugs do not). */
  readonly model: PricingModelView
  /** A raw request to the target (no client, no retries): for bodies and headers the SDK cannot send. */
  raw(path: string, init?: RequestInit): Promise<Response>
  /** `init` with the target's key and a JSON content type. */
  authed(init?: RequestInit): RequestInit
  /** Creates a uniquely named customer (archived after the file) and returns it with its default subscription. */
  signUp(label: string): Promise<SignedUp>
  /** A price of the default pricing model by slug; fails the test when the model lacks it. */
  price(slug: string): PriceView
}

/** The parts of a price the checks use. */
export type PriceView = { id: string; slug: string | null; type: string; unitPrice: number }
/** The parts of the default pricing model the checks use. */
export type PricingModelView = {
  products: Array<{ default: boolean; slug: string | null; prices: PriceView[] }>
  usageMeters: Array<{ id: string; slug: string }>
}
type SignedUp = Awaited<ReturnType<ConformanceTarget['client']['customers']['create']>>['data'] & {
  externalId: string
}

let current: ConformanceTarget | undefined

/**
 * Opens the target for this file (beforeAll) and closes it after (archiving what it created).
 * Call once at the top of a conformance file; read the context inside tests only.
 */
export function useConformanceTarget(): ConformanceContext {
  let model: PricingModelView | undefined
  beforeAll(async () => {
    current = await openConformanceTarget()
    const answer = await current.client.pricingModels.retrieveDefault()
    model = answer.pricingModel as unknown as PricingModelView
  }, TIMEOUTS[targetKind].hook)
  afterAll(async () => {
    await current?.close()
    current = undefined
  }, TIMEOUTS[targetKind].hook)
  const open = () => {
    if (!current) throw new Error('useConformanceTarget(): the target is open only inside tests')
    return current
  }
  const context: ConformanceContext = {
    get target() {
      return open()
    },
    get client() {
      return open().client
    },
    get model() {
      if (!model) throw new Error('useConformanceTarget(): the pricing model is read in beforeAll')
      return model
    },
    raw: (path, init = {}) => open().fetch(`${open().baseURL}${path}`, init),
    authed: (init = {}) => ({
      ...init,
      headers: { authorization: open().apiKey, 'content-type': 'application/json', ...init.headers },
    }),
    signUp: async (label) => {
      const externalId = open().newExternalId(label)
      const { data } = await open().client.customers.create({
        customer: { externalId, email: `${externalId}@example.com`, name: `Conformance ${label}` },
      })
      return { externalId, ...data }
    },
    price: (slug) => {
      const price = context.model.products.flatMap((p) => p.prices).find((p) => p.slug === slug)
      if (!price) throw new Error(`the default pricing model has no price '${slug}'`)
      return price
    },
  }
  return context
}

/**
 * One check, run on every target. Besides `fn`'s own assertions, every response it received must
 * be wire-shaped (2xx against the spec, errors as Flowglad's REST layer sends them): only this
 * test's responses are checked, so one failure is reported once. `differs` marks the targets where
 * the check is expected to fail and says why: there it runs as `it.fails`, so it still fails loudly
 * the day the difference disappears, and its name carries the reason into the report.
 */
export function conformanceTest(
  name: string,
  fn: () => Promise<void>,
  options: { differs?: Differences } = {},
): void {
  const reason = options.differs?.[targetKind]
  const body = async () => {
    const start = current?.fetch.exchanges.length ?? 0
    await fn()
    const exchanges = current?.fetch.exchanges.slice(start) ?? []
    expect(describeMismatches(exchanges), 'responses not shaped as Flowglad sends them').toEqual([])
  }
  const timeout = TIMEOUTS[targetKind].test
  if (reason) it.fails(`${name} ${DIFFERS_MARKER} ${targetKind}: ${reason}]`, body, timeout)
  else it(name, body, timeout)
}

/** A promise's rejection (or undefined when it resolved), to assert on a refusal. */
export const caught = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )

/** The JSON body `@flowglad/node` attached to an APIError (`{}` for anything else). */
export const bodyOf = (error: unknown): Record<string, unknown> =>
  (error as { error?: Record<string, unknown> } | undefined)?.error ?? {}

/** The HTTP status `@flowglad/node` attached to an APIError. */
export const statusOf = (error: unknown): number | undefined =>
  (error as { status?: number } | undefined)?.status
