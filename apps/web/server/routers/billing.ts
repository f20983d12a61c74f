import 'server-only'
import { createFlowgladRouter } from 'flowglad-trpc/server'
import { getFlowglad } from '../flowglad'
import { publicProcedure, router } from '../trpc'

/** Flowglad's procedures mounted in the app's router; the customer is the signed-in user. */
export const flowgladRouter = createFlowgladRouter({
  flowglad: getFlowglad(),
  router,
  procedure: publicProcedure,
  // The app's user id is the Flowglad customer's external id: no mapping table needed.
  customer: ({ ctx }) =>
    ctx.session
      ? { externalId: ctx.session.user.id, email: ctx.session.user.email, name: ctx.session.user.name }
      : null,
})
