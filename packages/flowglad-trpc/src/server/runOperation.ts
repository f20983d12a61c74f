import { TRPCError } from '@trpc/server'
import type { ActionAccess, ActionDefinition } from '../core/actions'
import type { CustomerScope } from './customerScope'
import type { FlowgladRuntime } from './flowgladRuntime'
import { isTRPCError } from './isTRPCError'
import type { AnyOperation, ContextByAccess } from './operation'

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
async function customerContext(runtime: FlowgladRuntime, resolveScope: ScopeResolver) {
  const scope = await resolveScope()
  if (!scope) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to access billing' })
  return { runtime, scope }
}

/** How each access level builds its operation context. Public actions never resolve the customer. */
const contextByAccess: {
  [A in ActionAccess]: (runtime: FlowgladRuntime, resolveScope: ScopeResolver) => Promise<ContextByAccess[A]>
} = {
  public: async (runtime) => ({ runtime }),
  // Like Flowglad's hybrid route (and its Better Auth pricing endpoint with no active organization):
  // failing to resolve a customer means "signed out", so the default pricing model is served.
  hybrid: async (runtime, resolveScope) => ({
    runtime,
    scope: await resolveScope().catch(signedOutOnAuthFailure),
  }),
  customer: customerContext,
  // Only reachable through `forCustomer(...)`, whose scope is always set; the check stays for safety.
  server: customerContext,
}

/** What happens to the customer's memoised billing once an action has run (successfully or not). */
const settleByKind: Record<ActionDefinition['kind'], (scope: CustomerScope | null) => void> = {
  query: () => {},
  // A write (even a failed one, which may have partly applied) makes the customer's memoised billing
  // stale in every request, not only this one.
  mutation: (scope) => scope?.invalidate(),
}

/** Runs one operation behind the single error boundary. Input must already be validated. */
export async function runOperation(
  runtime: FlowgladRuntime,
  action: ActionDefinition,
  operation: AnyOperation,
  resolveScope: ScopeResolver,
  input: unknown,
): Promise<unknown> {
  let scope: CustomerScope | null = null
  const trackScope: ScopeResolver = async () => {
    scope = await resolveScope()
    return scope
  }
  try {
    const context = await contextByAccess[action.access](runtime, trackScope)
    return await operation.run(context, input)
  } catch (error) {
    throw runtime.normalize(error)
  } finally {
    settleByKind[action.kind](scope)
  }
}
