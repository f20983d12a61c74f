import 'server-only'
import { createFlowgladMiddleware, type FlowgladMiddleware } from 'flowglad-trpc/server'
import { requestKey, resolveCustomer } from './customer'
import { getFlowglad } from './flowglad'
import type { Context } from './trpc'

// One set of gates per process, on globalThis like the Flowglad client: Next.js evaluates this
// module once per bundle (route handlers, server components), and every copy must hold spends in
// the same in-process ledger, or two bundles could each hand out the same credits.
const globalForGates = globalThis as typeof globalThis & { __appGates?: FlowgladMiddleware<Context> }

/**
 * Billing gates for the app's own procedures: `requireFeature` and `spend`, with the same customer
 * resolver as the Flowglad router. Several instances of the app would pass
 * `store: createRedisStore({ redis })` so they share one ledger; one `next start` needs nothing.
 */
export function getGates(): FlowgladMiddleware<Context> {
  globalForGates.__appGates ??= createFlowgladMiddleware<Context>({
    flowglad: getFlowglad(),
    customer: resolveCustomer,
    requestKey,
  })
  return globalForGates.__appGates
}
