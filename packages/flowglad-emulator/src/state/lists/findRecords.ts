import { adminCatalog } from '../admin/adminCatalog'
import type { EmulatorStore } from '../EmulatorStore'
import { FlowgladApiError, unwrapPanic } from '../FlowgladApiError'
import type {
  FeatureRecord,
  InvoiceLineItemRecord,
  InvoiceRecord,
  PaymentMethodRecord,
  PriceRecord,
  ProductWithPricesRecord,
  PurchaseRecord,
  ResourceRecord,
  UsageMeterRecord,
} from '../records'
import { listFeatureRows, listPriceRows, listUsageMeterRows, usageMeterRow } from './catalogViews'

/**
 * Single-record reads behind the `GET /api/v1/<resource>/{id}` routes. Each unknown id fails the
 * way that router's procedure does on Flowglad's server (cited per function).
 */

/** productsRouter `getProduct`: its try/catch turns the NOT_FOUND into a generic 500. */
export function findProduct(store: EmulatorStore, id: string): ProductWithPricesRecord {
  const product =
    store.catalog.productsById.get(id) ??
    adminCatalog(store.catalog)
      .models.flatMap((clone) => clone.products)
      .find((p) => p.id === id)
  if (!product)
    throw new FlowgladApiError('INTERNAL_SERVER_ERROR', 'An unexpected error occurred. Please try again.')
  return product
}

/** pricesRouter `getPrice`: a TRPCError NOT_FOUND `Price not found`. */
export function findPrice(store: EmulatorStore, id: string): PriceRecord {
  const price = store.catalog.pricesById.get(id) ?? listPriceRows(store).find((p) => p.id === id)
  if (!price) throw new FlowgladApiError('NOT_FOUND', 'Price not found')
  return price
}

/** usageMetersRouter `getUsageMeter`: `selectUsageMeterById(...).unwrap()`. */
export function findUsageMeter(store: EmulatorStore, id: string): UsageMeterRecord {
  const meter = store.catalog.metersById.get(id)
  if (meter) return usageMeterRow(meter)
  const cloned = listUsageMeterRows(store).find((m) => m.id === id)
  if (!cloned) throw unwrapPanic('usage meters', id)
  return cloned
}

/** featuresRouter `getFeature`: `selectFeatureById(...).unwrap()`. */
export function findFeature(store: EmulatorStore, id: string): FeatureRecord {
  const feature = listFeatureRows(store).find((f) => f.id === id)
  if (!feature) throw unwrapPanic('features', id)
  return feature
}

/** resourcesRouter `getProcedure`: `selectResourceById(...).unwrap()`. */
export function findResource(store: EmulatorStore, id: string): ResourceRecord {
  const resource = store.catalog.resourcesById.get(id)
  if (!resource) throw unwrapPanic('resources', id)
  return resource
}

/**
 * invoicesRouter `getInvoiceProcedure`: an unknown id yields `undefined`, which fails the
 * procedure's output schema: a 500 `Output validation failed`.
 */
export function findInvoice(
  store: EmulatorStore,
  id: string,
): { invoice: InvoiceRecord; invoiceLineItems: InvoiceLineItemRecord[] } {
  const invoice = store.data.invoices.find((i) => i.id === id)
  if (!invoice) throw new FlowgladApiError('INTERNAL_SERVER_ERROR', 'Output validation failed')
  return { invoice, invoiceLineItems: store.data.invoiceLineItems.filter((line) => line.invoiceId === id) }
}

/** invoiceLineItemsRouter `getInvoiceLineItem`: unwrapped inside and outside its transaction. */
export function findInvoiceLineItem(store: EmulatorStore, id: string): InvoiceLineItemRecord {
  const line = store.data.invoiceLineItems.find((l) => l.id === id)
  if (!line) throw unwrapPanic('invoice line items', id, 2)
  return line
}

/** paymentMethodsRouter `getPaymentMethod`: unwrapped twice. */
export function findPaymentMethod(store: EmulatorStore, id: string): PaymentMethodRecord {
  const method = store.data.paymentMethods.find((m) => m.id === id)
  if (!method) throw unwrapPanic('payment methods', id, 2)
  return method
}

/** purchasesRouter `getPurchase`: unwrapped twice. */
export function findPurchase(store: EmulatorStore, id: string): PurchaseRecord {
  const purchase = store.data.purchases.find((p) => p.id === id)
  if (!purchase) throw unwrapPanic('purchases', id, 2)
  return purchase
}

/** paymentsRouter `getPayment`: unwrapped twice; the emulator records no payments, so every id is unknown. */
export function findPayment(_store: EmulatorStore, id: string): never {
  throw unwrapPanic('payments', id, 2)
}

/** discountsRouter `getDiscount`: a plain `NotFoundError` thrown, so a 500 with its bare message; the emulator has no discounts. */
export function findDiscount(_store: EmulatorStore, id: string): never {
  throw new FlowgladApiError('INTERNAL_SERVER_ERROR', `No discounts found with id: ${id}`)
}

/**
 * paymentsRouter `refund`: the payment lookup's domain `NotFoundError` passes through one
 * `.unwrap()`, a 500; the emulator records no payments, so every id is unknown.
 */
export function findRefundablePayment(_store: EmulatorStore, id: string): never {
  throw new FlowgladApiError(
    'INTERNAL_SERVER_ERROR',
    `Unwrap called on Err: NotFoundError: Payment not found: ${id}`,
  )
}
