import {
  findDiscount,
  findFeature,
  findInvoice,
  findInvoiceLineItem,
  findPayment,
  findPaymentMethod,
  findPrice,
  findProduct,
  findPurchase,
  findRefundablePayment,
  findResource,
  findUsageMeter,
} from '../../state/lists/findRecords'
import { defineRoute, type Route } from '../defineRoute'

/** `GET /api/v1/<resource>/{id}` for the records the older routes did not serve. */
export const retrieveRoutes: Route[] = [
  // productsRouter `getProduct` answers the product itself, not `{ product }`.
  defineRoute({
    method: 'GET',
    path: '/api/v1/products/:id',
    handle: ({ store, params }) => findProduct(store, params.id),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/prices/:id',
    handle: ({ store, params }) => ({ price: findPrice(store, params.id) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/usage-meters/:id',
    handle: ({ store, params }) => ({ usageMeter: findUsageMeter(store, params.id) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/features/:id',
    handle: ({ store, params }) => ({ feature: findFeature(store, params.id) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/resources/:id',
    handle: ({ store, params }) => ({ resource: findResource(store, params.id) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/invoices/:id',
    handle: ({ store, params }) => findInvoice(store, params.id),
  }),
  // invoiceLineItemsRouter `get` answers the line item itself.
  defineRoute({
    method: 'GET',
    path: '/api/v1/invoice-line-items/:id',
    handle: ({ store, params }) => findInvoiceLineItem(store, params.id),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/payment-methods/:id',
    handle: ({ store, params }) => ({ paymentMethod: findPaymentMethod(store, params.id) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/purchases/:id',
    handle: ({ store, params }) => ({ purchase: findPurchase(store, params.id) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/payments/:id',
    handle: ({ store, params }) => findPayment(store, params.id),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/payments/:id/refund',
    handle: ({ store, params }) => findRefundablePayment(store, params.id),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/discounts/:id',
    handle: ({ store, params }) => findDiscount(store, params.id),
  }),
]
