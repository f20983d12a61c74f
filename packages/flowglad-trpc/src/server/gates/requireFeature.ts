import { checkFeatureAccess } from '../../core/billingHelpers'
import type { FeatureSlug } from '../../core/slugs'
import type { CustomerBilling } from '../types'
import { FlowgladRefusalError } from './FlowgladRefusalError'
import {
  type FlowgladCustomerGate,
  type GateRuntime,
  isUnavailable,
  type UnavailablePolicy,
} from './gateContext'
import { currentPlanOf, offersUnlocking } from './refusalOffers'

/** Options of `requireFeature`. */
export interface RequireFeatureOptions {
  /** Overrides the middleware's policy for when Flowglad is unreachable (default: the factory's, `failClosed`). */
  readonly onUnavailable?: UnavailablePolicy
}

/** Builds `requireFeature(slug)`: FORBIDDEN with the plan and the offers that unlock it, else the handler runs. */
export function createRequireFeature<TContext>(gates: GateRuntime<TContext>) {
  return (feature: FeatureSlug, options: RequireFeatureOptions = {}): FlowgladCustomerGate<TContext> =>
    async ({ ctx, path, next }) => {
      const scope = await gates.scope(ctx as TContext)
      let billing: CustomerBilling
      try {
        // The request's memoised billing: free when a Flowglad procedure (or another gate) already read it.
        billing = await scope.billing()
      } catch (thrown) {
        const error = gates.runtime.normalize(thrown)
        if (!isUnavailable(error)) throw error
        gates.report({
          kind: 'billing_unavailable',
          path,
          customerExternalId: scope.customer.externalId,
          error,
        })
        if ((options.onUnavailable ?? gates.onUnavailable) === 'failOpen')
          return next({ ctx: { flowgladCustomer: scope.customer } })
        throw new FlowgladRefusalError(
          { reason: 'billing_unavailable' },
          'Billing is unavailable right now; try again shortly.',
          error,
        )
      }
      // The one feature rule (core), shared with checkFeatureAccess, useFeature and the RSC checks:
      // a toggle feature of a current subscription, as Flowglad's SDK decides it.
      if (checkFeatureAccess(billing.currentSubscriptions ?? [], feature))
        return next({ ctx: { flowgladCustomer: scope.customer } })
      throw new FlowgladRefusalError(
        {
          reason: 'feature_locked',
          feature,
          currentPlan: currentPlanOf(billing),
          unlockedBy: offersUnlocking(billing, feature),
        },
        `Your plan does not include "${feature}".`,
      )
    }
}
