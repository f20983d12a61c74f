import { notFound } from '../../state/FlowgladApiError'
import { defineRoute } from '../defineRoute'

/** `/api/v1/pricing-models/*`: the emulator serves one pricing model, which is the default. */
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
      if (params.id !== store.catalog.pricingModel.id) throw notFound('Pricing model', params.id as string)
      return { pricingModel: store.catalog.pricingModel }
    },
  }),
]
