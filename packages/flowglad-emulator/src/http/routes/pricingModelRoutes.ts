import { findPricingModel } from '../../state/admin/clonePricingModel'
import { FlowgladApiError } from '../../state/FlowgladApiError'
import { defineRoute } from '../defineRoute'

/** `/api/v1/pricing-models/*`: the loaded pricing model (the default) and its clones. */
export const pricingModelRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/pricing-models/default',
    handle: ({ store }) => ({ pricingModel: store.catalog.pricingModel }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/pricing-models/:id',
    handle: ({ store, params }) => {
      // pricingModelsRouter `getPricingModel` throws a plain Error for an unknown id: tRPC sends a 500.
      const pricingModel = findPricingModel(store, params.id)
      if (!pricingModel)
        throw new FlowgladApiError('INTERNAL_SERVER_ERROR', `Pricing Model ${params.id} not found`)
      return { pricingModel }
    },
  }),
]
