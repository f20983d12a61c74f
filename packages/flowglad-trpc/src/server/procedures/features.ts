import { type FeatureAccessItem, selectFeatures } from '../../core/billingSelectors'
import { subscriptionScopedInput } from '../../core/inputs'
import { defineOperation } from '../operation'

/** Feature operations: the same selector as the React hooks, over the (memoised) billing payload. */
export const featureOperations = {
  access: defineOperation('customer')(
    subscriptionScopedInput,
    async ({ scope }, input): Promise<{ features: FeatureAccessItem[] }> => ({
      features: selectFeatures(await scope.billing(), input),
    }),
  ),
}
