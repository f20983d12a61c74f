import 'server-only'
import { createFlowgladRouter, type FlowgladCustomer } from 'flowglad-trpc/server'
import type { Session } from '../auth'
import { getFlowglad } from '../flowglad'
import { publicProcedure, router } from '../trpc'

/** The Flowglad customer for a session: the app's user id is the customer's external id. */
export function customerOf(session: Session | null): FlowgladCustomer | null {
  return session ? { externalId: session.user.id, email: session.user.email, name: session.user.name } : null
}

/** Flowglad's procedures mounted in the app's router; the customer is the signed-in user. */
export const flowgladRouter = createFlowgladRouter({
  flowglad: getFlowglad(),
  router,
  procedure: publicProcedure,
  // No mapping table: the app's user id is the customer's external id.
  customer: ({ ctx }) => customerOf(ctx.session),
})
