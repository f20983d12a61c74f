import { subscriptionScopedInput } from '../../core/inputs'
import { defineOperation } from '../operation'
import { currentSubscriptions } from './usage'

/** One feature the customer has (toggle features only), as in Flowglad's `FeatureAccessItem`. */
export interface FeatureAccessItem {
  id: string
  livemode: boolean
  slug: string
  name: string
}

/** Feature operations. */
export const featureOperations = {
  access: defineOperation('customer')(
    subscriptionScopedInput,
    async ({ scope }, input): Promise<{ features: FeatureAccessItem[] }> => {
      const billing = await scope.billing()
      const bySlug = new Map<string, FeatureAccessItem>()
      // Toggles only, first one wins per slug: Flowglad's SDK semantics.
      for (const subscription of currentSubscriptions(billing.currentSubscriptions, input?.subscriptionId))
        for (const item of subscription.experimental?.featureItems ?? [])
          if (item.type === 'toggle' && !bySlug.has(item.slug))
            bySlug.set(item.slug, { id: item.id, livemode: item.livemode, slug: item.slug, name: item.name })
      return { features: [...bySlug.values()] }
    },
  ),
}
