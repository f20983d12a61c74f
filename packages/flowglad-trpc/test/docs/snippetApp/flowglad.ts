// `~/server/flowglad` and `~/trpc/flowglad`: the app's Flowglad client and router, and its hooks.
import { createFlowgladHooks } from '../../../src/react'
import { trpc } from './trpc'

export { flowglad, flowgladRouter } from './index'

/** The app's Flowglad hooks over the classic client. */
export const {
  useBilling,
  usePricing,
  useFeature,
  useFeatures,
  useUsageMeter,
  useUsageMeters,
  useSubscription,
  useSubscriptions,
  useCheckouts,
} = createFlowgladHooks(trpc)

/** The object `createFlowgladHooks` returned, for the customer boundary. */
export const flowgladHooks = createFlowgladHooks(trpc)
