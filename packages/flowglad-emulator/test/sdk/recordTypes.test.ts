import type Flowglad from '@flowglad/node'
import { describe, expectTypeOf, it } from 'vitest'
import type { PricingModelRecord } from '../../src/state/lists/catalogViews'
import type { Page } from '../../src/state/lists/paginate'
import type {
  CheckoutSessionRecord,
  CustomerRecord,
  FeatureRecord,
  InvoiceLineItemRecord,
  InvoiceRecord,
  PaymentMethodRecord,
  PriceRecord,
  ProductRecord,
  ProductWithPricesRecord,
  ResourceRecord,
  SubscriptionRecord,
  UsageEventRecord,
  UsageMeterRecord,
} from '../../src/state/records'

/**
 * Type-level check (run by `tsc` in `pnpm typecheck`, and by vitest as a test): the records the
 * emulator puts on the wire are assignable to what `@flowglad/node` 0.29.0 declares for the same
 * answers. A field the SDK requires and the emulator's record lacks fails the build.
 */
type Row<T extends { data: unknown[] }> = T['data'][number]
/** The currency codes the SDK declares; the emulator's records type `currency` as a plain string. */
type Currency = Row<Flowglad.PriceListResponse>['currency']
/** A record with `currency` narrowed to the SDK's codes (the emulator only ever sends `USD`). */
type Priced<T> = T extends { currency: string } ? Omit<T, 'currency'> & { currency: Currency } : T
type Price = Priced<PriceRecord>
type Invoice = Priced<InvoiceRecord>
type ProductWithPrices = Omit<ProductWithPricesRecord, 'prices' | 'defaultPrice'> & {
  prices: Price[]
  defaultPrice: Price
}
/** Plain assignability (no distribution over unions): does every `A` fit where `B` is declared? */
type Fits<A, B> = [A] extends [B] ? true : false

describe('emulator records fit @flowglad/node 0.29.0 declared types', () => {
  it('list rows', () => {
    expectTypeOf<Fits<CustomerRecord, Row<Flowglad.CustomerListResponse>>>().toEqualTypeOf<true>()
    expectTypeOf<Fits<SubscriptionRecord, Row<Flowglad.SubscriptionListResponse>>>().toEqualTypeOf<true>()
    expectTypeOf<Fits<ProductRecord, Row<Flowglad.ProductListResponse>>>().toEqualTypeOf<true>()
    expectTypeOf<Fits<Price, Row<Flowglad.PriceListResponse>>>().toEqualTypeOf<true>()
    expectTypeOf<Fits<UsageMeterRecord, Row<Flowglad.UsageMeterListResponse>>>().toEqualTypeOf<true>()
    expectTypeOf<Fits<PricingModelRecord, Row<Flowglad.PricingModelListResponse>>>().toEqualTypeOf<true>()
    expectTypeOf<Fits<Invoice, Row<Flowglad.InvoiceListResponse>>>().toEqualTypeOf<true>()
    expectTypeOf<
      Fits<InvoiceLineItemRecord, Row<Flowglad.InvoiceLineItemListResponse>>
    >().toEqualTypeOf<true>()
    expectTypeOf<Fits<PaymentMethodRecord, Row<Flowglad.PaymentMethodListResponse>>>().toEqualTypeOf<true>()
    // The emulator types a checkout session as one record with nullable per-kind fields, not the
    // SDK's union by `type` (an activate session's `targetSubscriptionId` is then `string | null`):
    // looser at the type level only; every session sent is checked against the spec at run time
    // (nodeClient.test.ts › checkoutSessions.*).
    expectTypeOf<
      Fits<CheckoutSessionRecord, Row<Flowglad.CheckoutSessionListResponse>>
    >().toEqualTypeOf<false>()
  })

  it('retrieves and admin writes', () => {
    expectTypeOf<Fits<ProductWithPrices, Flowglad.ProductRetrieveResponse>>().toEqualTypeOf<true>()
    expectTypeOf<Fits<{ product: ProductRecord }, Flowglad.ProductCreateResponse>>().toEqualTypeOf<true>()
    expectTypeOf<Fits<{ product: ProductRecord }, Flowglad.ProductUpdateResponse>>().toEqualTypeOf<true>()
    expectTypeOf<Fits<{ price: Price }, Flowglad.PriceCreateResponse>>().toEqualTypeOf<true>()
    expectTypeOf<Fits<{ price: Price }, Flowglad.PriceUpdateResponse>>().toEqualTypeOf<true>()
    expectTypeOf<
      Fits<{ usageMeter: UsageMeterRecord }, Flowglad.UsageMeterRetrieveResponse>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Fits<{ usageMeter: UsageMeterRecord }, Flowglad.UsageMeterCreateResponse>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Fits<{ resource: ResourceRecord }, Flowglad.ResourceRetrieveResponse>
    >().toEqualTypeOf<true>()
    expectTypeOf<Fits<{ resources: ResourceRecord[] }, Flowglad.ResourceListResponse>>().toEqualTypeOf<true>()
    expectTypeOf<
      Fits<{ usageEvent: UsageEventRecord }, Flowglad.UsageEventRetrieveResponse>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Fits<{ paymentMethod: PaymentMethodRecord }, Flowglad.PaymentMethodRetrieveResponse>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Fits<InvoiceLineItemRecord, Flowglad.InvoiceLineItemRetrieveResponse>
    >().toEqualTypeOf<true>()
    expectTypeOf<
      Fits<
        {
          invoice: Invoice
          invoiceLineItems: InvoiceLineItemRecord[]
        },
        Flowglad.InvoiceRetrieveResponse
      >
    >().toEqualTypeOf<true>()
    // Features have no @flowglad/node resource; their shape is checked against the spec at run time.
    expectTypeOf<FeatureRecord['type']>().toEqualTypeOf<'toggle' | 'usage_credit_grant' | 'resource'>()
  })

  it('pages, except the cursors Flowglad sends as null', () => {
    type Declared = Omit<Flowglad.ProductListResponse, 'currentCursor' | 'nextCursor'>
    expectTypeOf<
      Fits<Omit<Page<ProductRecord>, 'currentCursor' | 'nextCursor'>, Declared>
    >().toEqualTypeOf<true>()
    // The SDK declares `string | undefined`; the wire carries null (SPEC-NOTES.md "Wire vs spec").
    expectTypeOf<
      Fits<Page<ProductRecord>['nextCursor'], Flowglad.ProductListResponse['nextCursor']>
    >().toEqualTypeOf<false>()
  })
})
