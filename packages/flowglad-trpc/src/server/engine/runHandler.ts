import { TRPCError } from '@trpc/server'
import type { ActionAccess, ActionDefinition } from '../../core/actions'
import { createRequestSlot } from '../caches/requestSlot'
import type { CustomerScope } from '../customer/customerScope'
import { isTRPCError } from '../errors/isTRPCError'
import { type CallBudget, createCallBudget, settleByDeadline } from './callBudget'
import type { AnyHandler, ContextByAccess } from './defineHandler'
import type { FlowgladRuntime } from './flowgladRuntime'

/** Resolves the request's customer scope; only called for actions that need a customer. */
export type ScopeResolver = () => Promise<CustomerScope | null>

/**
 * Codes a customer resolver throws when the request names no customer it may bill: not signed in
 * (UNAUTHORIZED), not allowed (FORBIDDEN), or nothing selected (BAD_REQUEST, e.g. no active organization).
 */
const noCustomerCodes: ReadonlySet<TRPCError['code']> = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'BAD_REQUEST'])

/** Treats the resolver's "no customer here" errors as no customer; rethrows anything else. */
function signedOutOnAuthFailure(error: unknown): null {
  if (isTRPCError(error) && noCustomerCodes.has(error.code)) return null
  throw error
}

/** A resolved customer or UNAUTHORIZED, before any upstream call: a signed-out caller costs Flowglad nothing. */
async function customerContext(runtime: FlowgladRuntime, budget: CallBudget, resolveScope: ScopeResolver) {
  const scope = await resolveScope()
  if (!scope) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to access billing' })
  return { runtime, budget, scope }
}

/**
 * How each access level builds its handler context (the scope comes bound to the handler's
 * budget). Public actions never resolve the customer.
 */
const contextByAccess: {
  [A in ActionAccess]: (
    runtime: FlowgladRuntime,
    budget: CallBudget,
    resolveScope: ScopeResolver,
  ) => Promise<ContextByAccess[A]>
} = {
  public: async (runtime, budget) => ({ runtime, budget }),
  // Like Flowglad's hybrid route (and its Better Auth pricing endpoint with no active organization):
  // failing to resolve a customer means "signed out", so the default pricing model is served.
  hybrid: async (runtime, budget, resolveScope) => ({
    runtime,
    budget,
    scope: await resolveScope().catch(signedOutOnAuthFailure),
  }),
  customer: customerContext,
  // Only reachable through `forCustomer(...)`, whose scope is always set; the check stays for safety.
  server: customerContext,
}

// Checkout sessions complete on Flowglad's hosted page, outside this process: while one may be
// open, the customer's billing answers are not reused across requests (Flowglad's sessions last
// hours; an hour covers the customer coming back from it).
const CHECKOUT_WINDOW_MS = 60 * 60 * 1000

/** What happens to the customer's memoised billing once an action has run (successfully or not). */
const settleByKind: {
  [K in ActionDefinition['kind']]: (
    action: Extract<ActionDefinition, { kind: K }>,
    scope: CustomerScope,
  ) => void
} = {
  query: () => {},
  // A write (even a failed one, which may have partly applied) makes the customer's memoised billing
  // stale in every request, not only this one. A write that changes nothing here (`writes: []`:
  // checkout sessions) changes billing later, upstream.
  mutation: (action, scope) => {
    scope.invalidate()
    if (action.writes.length === 0) scope.expectUpstreamChanges(CHECKOUT_WINDOW_MS)
  },
}

/** Mutations counted per request key (tRPC ctx: one HTTP request or batch). */
const mutationsByRequest = createRequestSlot<number>('flowglad-trpc.mutations')

/** Fails the mutation (or spend), before any upstream call, once its request has run its share of writes. */
export function countMutation(runtime: FlowgladRuntime, scope: CustomerScope): void {
  const count = (mutationsByRequest.get(scope.requestKey) ?? 0) + 1
  mutationsByRequest.set(scope.requestKey, count)
  if (count > runtime.maxMutationsPerRequest)
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `At most ${runtime.maxMutationsPerRequest} billing changes per request: this one was not sent to Flowglad.`,
    })
}

/** How `runHandler` was reached. */
export interface RunOptions {
  /** Count mutations against the per-request cap (the router); server code (`forCustomer`) is not capped. */
  readonly capMutations?: boolean
  /**
   * The calling handler's budget, when one handler runs another: the nested call keeps its
   * deadline (and its writes count there too). Default: a fresh budget of the runtime's `timeoutMs`.
   */
  readonly budget?: CallBudget
}

/**
 * Runs one handler behind the single error boundary, within one time budget: created here (or the
 * caller's, for a nested call) and handed to the handler explicitly, its scope bound to it. The call
 * settles by the deadline even when the handler waits on something else (a read another started).
 * Input must already be validated.
 */
export async function runHandler(
  runtime: FlowgladRuntime,
  action: ActionDefinition,
  handler: AnyHandler,
  resolveScope: ScopeResolver,
  input: unknown,
  options: RunOptions = {},
): Promise<unknown> {
  let scope: CustomerScope | null = null
  const budget = createCallBudget(runtime.timeoutMs, options.budget)
  const trackScope: ScopeResolver = async () => {
    scope = await resolveScope()
    if (!scope) return null
    if (action.kind === 'mutation' && options.capMutations !== false) countMutation(runtime, scope)
    return scope.within(budget)
  }
  try {
    const run = async () => {
      try {
        return await handler.run(await contextByAccess[action.access](runtime, budget, trackScope), input)
      } finally {
        // The handler has returned: it sends nothing more, so its client serves the next one.
        runtime.release(budget)
      }
    }
    return await settleByDeadline(budget, run)
  } catch (error) {
    throw runtime.normalize(error, { kind: action.kind, writesSent: budget.writesSent })
  } finally {
    const settled: CustomerScope | null = scope
    if (settled)
      (settleByKind[action.kind] as (a: ActionDefinition, s: CustomerScope) => void)(action, settled)
  }
}
