import { createCustomerScope } from '../customer/customerScope'
import { resolveRequestCustomer } from '../customer/requestCustomer'
import { type Flowglad, runtimeOf } from '../router/createFlowglad'
import type { FlowgladStore } from '../store/FlowgladStore'
import { processMemoryStore } from '../store/memoryStore'
import {
  type FlowgladCustomerResolver,
  type GateEvent,
  type GateRuntime,
  signedOut,
  type UnavailablePolicy,
} from './gateContext'
import { createRequireFeature } from './requireFeature'
import { createSpend } from './spend'
import { createUsageRetry } from './usageRetry'

/** Options of `createFlowgladMiddleware`. */
export interface CreateFlowgladMiddlewareOptions<TContext> {
  /** What `createFlowglad()` returned. */
  readonly flowglad: Flowglad
  /**
   * The same resolver as the router's `customer`: one place says who the customer is. Pass the same
   * function to both, and one request (HTTP batch) calls it once for its procedures and gates alike.
   */
  readonly customer: FlowgladCustomerResolver<TContext>
  /**
   * The same as the router's `requestKey` (default `ctx`): gates share that request's customer and
   * billing read. Needed when middleware before the gate rebuilds the context (`next({ ctx })`).
   */
  readonly requestKey?: (opts: { ctx: TContext }) => object
  /**
   * Where spends are held between check and record. Default: `createFlowglad({ store })`, else this
   * process's memory, shared by every middleware of every bundle (race-free within one process).
   * Several processes or instances: `createRedisStore({ redis })`.
   */
  readonly store?: FlowgladStore
  /** When Flowglad (or the store) is unreachable: refuse (`failClosed`, default) or let calls through. */
  readonly onUnavailable?: UnavailablePolicy
  /** Told about what a gate could not do (default: `console.error`), e.g. usage that was not recorded. */
  readonly onEvent?: (event: GateEvent) => void
  /**
   * Waits before each new attempt to record usage Flowglad did not take after the handler ran
   * (same transactionId; default 1 s, 5 s, 30 s, 2 min, 10 min). Pending usage is kept in the store,
   * so another instance, or this one after a restart, finishes it.
   */
  readonly usageRetryDelaysMs?: readonly number[]
}

/** Billing gates for the app's own procedures: `.use(gates.requireFeature(...))`, `.use(gates.spend(...))`. */
export interface FlowgladMiddleware<TContext> {
  /** FORBIDDEN (typed refusal: feature, current plan, offers) unless the customer's plan has the feature. */
  readonly requireFeature: ReturnType<typeof createRequireFeature<TContext>>
  /** Checks the balance net of in-flight spends, runs the handler, records usage only if it succeeded. */
  readonly spend: ReturnType<typeof createSpend<TContext>>
}

/** Logs a gate event; the transactionId lets an operator record an unrecorded spend by hand. */
function logEvent(event: GateEvent): void {
  console.error(
    `flowglad-trpc: ${event.kind} at ${event.path}` +
      (event.transactionId
        ? ` (transactionId ${event.transactionId}, ${event.amount} ${event.usageMeter})`
        : ''),
    event.error,
  )
}

/**
 * Builds billing middleware from the same customer resolver as the Flowglad router. Gates reuse the
 * router's per-request billing memo, so a gated call whose request already read billing costs no
 * extra upstream call.
 */
export function createFlowgladMiddleware<TContext>(
  options: CreateFlowgladMiddlewareOptions<TContext>,
): FlowgladMiddleware<TContext> {
  const runtime = runtimeOf(options.flowglad)
  // The process's ledger, not one per middleware: every bundle of the app shares it.
  const localStore = processMemoryStore()
  const report = options.onEvent ?? logEvent
  const gates: GateRuntime<TContext> = {
    runtime,
    store: options.store ?? runtime.store ?? localStore,
    localStore,
    onUnavailable: options.onUnavailable ?? 'failClosed',
    report,
    usageRetry: createUsageRetry(runtime, report, options.usageRetryDelaysMs),
    async scope(ctx) {
      const requestKey = options.requestKey?.({ ctx }) ?? (ctx as object)
      // One resolution per request, shared with the router's procedures given the same resolver.
      const customer = await resolveRequestCustomer(requestKey, options.customer, { ctx })
      if (!customer) throw signedOut()
      return createCustomerScope(runtime, customer, requestKey)
    },
  }
  return { requireFeature: createRequireFeature(gates), spend: createSpend(gates) }
}
