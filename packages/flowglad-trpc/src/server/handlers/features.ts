import { flowgladActions } from '../../core/actions'
import { type FeatureAccessItem, selectFeatures } from '../../core/billingSelectors'
import { subscriptionScopedInput } from '../../core/inputs'
import { defineHandler } from '../engine/defineHandler'

/** Feature handlers: the same selector as the React hooks, over the (memoised) billing payload. */
export const featureHandlers = {
  access: defineHandler(flowgladActions.features.access)(
    subscriptionScopedInput,
    async ({ scope }, input): Promise<{ features: FeatureAccessItem[] }> => ({
      features: selectFeatures(await scope.billing(), input),
    }),
  ),
}
