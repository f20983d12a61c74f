import type { EmulatorStore } from '../../state/EmulatorStore'
import {
  listFeatureRows,
  listPriceRows,
  listPricingModelRows,
  listProductRows,
  listUsageMeterRows,
} from '../../state/lists/catalogViews'
import { paginate } from '../../state/lists/paginate'
import type { RecordBase } from '../../state/records'
import { defineRoute, type Route } from '../defineRoute'
import { readPagination } from './paginationQuery'

/**
 * A paginated list (`openApiMetas.LIST` procedures over `createPaginatedSelectFunction`):
 * `?limit&cursor` checked as route.ts does, then one page of `rows`.
 */
const listRoute = (path: string, rows: (store: EmulatorStore) => readonly RecordBase[]): Route =>
  defineRoute({
    method: 'GET',
    path,
    handle: ({ store, query }) => {
      const pagination = readPagination(query)
      return pagination instanceof Response ? pagination : paginate(rows(store), pagination)
    },
  })

/**
 * Every paginated `GET /api/v1/<resource>` list `@flowglad/node` calls. Flowglad scopes each to
 * the API key's organization and mode; the emulator has one of each, so a list is every record.
 * Payments and discounts are always empty: the emulator records neither (SPEC-NOTES.md).
 */
export const listRoutes: Route[] = [
  listRoute('/api/v1/customers', (store) => store.data.customers),
  listRoute('/api/v1/subscriptions', (store) => store.data.subscriptions),
  listRoute('/api/v1/products', listProductRows),
  listRoute('/api/v1/prices', listPriceRows),
  listRoute('/api/v1/usage-meters', listUsageMeterRows),
  listRoute('/api/v1/features', listFeatureRows),
  listRoute('/api/v1/pricing-models', listPricingModelRows),
  listRoute('/api/v1/invoices', (store) => store.data.invoices),
  listRoute('/api/v1/invoice-line-items', (store) => store.data.invoiceLineItems),
  listRoute('/api/v1/payment-methods', (store) => store.data.paymentMethods),
  listRoute('/api/v1/checkout-sessions', (store) => store.data.checkoutSessions),
  listRoute('/api/v1/usage-events', (store) => store.data.usageEvents),
  listRoute('/api/v1/payments', () => []),
  listRoute('/api/v1/discounts', () => []),
  // resourcesRouter `listProcedure`: the key's pricing model's resources, unpaginated.
  defineRoute({
    method: 'GET',
    path: '/api/v1/resources',
    handle: ({ store, query }) => {
      const pagination = readPagination(query)
      return pagination instanceof Response ? pagination : { resources: store.catalog.resources }
    },
  }),
]
