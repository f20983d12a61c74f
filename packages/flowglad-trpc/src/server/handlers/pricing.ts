import { flowgladActions } from '../../core/actions'
import { emptyInput } from '../../core/inputs'
import { defineHandler } from '../engine/defineHandler'
import type { PricingModel } from '../types'

/** `pricing.default`: the organisation's default pricing model. */
export interface DefaultPricingModel {
  pricingModel: PricingModel
}

/** `pricing.get`: the customer's pricing model when signed in, else the default, and which one it is. */
export interface ResolvedPricingModel {
  pricingModel: PricingModel
  source: 'customer' | 'default'
}

/** Pricing handlers: the public default model is cached (TTL + single-flight); the customer's comes from billing. */
export const pricingHandlers = {
  default: defineHandler(flowgladActions.pricing.default)(
    emptyInput,
    ({ runtime }): Promise<DefaultPricingModel> => runtime.defaultPricing.get(),
  ),
  get: defineHandler(flowgladActions.pricing.get)(
    emptyInput,
    async ({ runtime, scope }): Promise<ResolvedPricingModel> => {
      if (!scope)
        return { pricingModel: (await runtime.defaultPricing.get()).pricingModel, source: 'default' }
      return { pricingModel: (await scope.billing()).pricingModel, source: 'customer' }
    },
  ),
}
