import 'server-only'
import { createFlowgladRouter } from 'flowglad-trpc/server'
import { requestKey, resolveCustomer } from '../customer'
import { getFlowglad } from '../flowglad'
import { publicProcedure, router } from '../trpc'

/** Flowglad's procedures mounted in the app's router; the customer is the signed-in user. */
export const flowgladRouter = createFlowgladRouter({
  flowglad: getFlowglad(),
  router,
  procedure: publicProcedure,
  // No mapping table: the app's user id is the customer's external id.
  customer: resolveCustomer,
  requestKey,
})
