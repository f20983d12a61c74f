import type { PriceSlug } from 'flowglad-trpc'
import { formatMoney, formatPrice, type PriceLike } from '@/components/formatPrice'
import { isPriceSlug } from './isPriceSlug'

// What the dashboard offers and explains, read from the customer's pricing model (billing carries
// it), so a price changed in pricing.yaml or in Flowglad shows up here without a code change.

interface FeatureLike {
  type: string
  slug: string
  amount?: number | null
  usageMeterId?: string | null
  renewalFrequency?: string | null
}

interface ProductLike {
  id: string
  name: string
  default: boolean
  active: boolean
  features: readonly FeatureLike[]
  prices: readonly (PriceLike & { id: string; slug?: string | null; isDefault?: boolean; active?: boolean })[]
}

/** The part of a pricing model the offers read. */
export interface PricingModelLike {
  products: readonly ProductLike[]
  usageMeters: readonly { id: string; slug: string }[]
}

/** Something to buy, described from the pricing model. */
export interface Offer {
  priceSlug: PriceSlug
  priceId: string
  productName: string
  /** "$10", "$20". */
  amount: string
  /** "$10 once", "$20 / month". */
  price: string
  /** Credits on the meter it grants (per period for a plan, once for a top-up); 0 when none. */
  calls: number
}

const calls = new Intl.NumberFormat('en-US')

/** "1,500". */
export function formatCount(value: number): string {
  return calls.format(value)
}

function defaultPrice(product: ProductLike) {
  return product.prices.find((price) => price.isDefault && price.active !== false) ?? product.prices[0]
}

function meterId(model: PricingModelLike, meterSlug: string): string | undefined {
  return model.usageMeters.find((meter) => meter.slug === meterSlug)?.id
}

/** Credits a product grants on a meter, by how often they are granted. */
export function creditGrant(
  model: PricingModelLike,
  product: ProductLike | undefined,
  meterSlug: string,
  renewal: 'every_billing_period' | 'once',
): number {
  const id = meterId(model, meterSlug)
  return (product?.features ?? [])
    .filter((f) => f.type === 'usage_credit_grant' && f.usageMeterId === id && f.renewalFrequency === renewal)
    .reduce((sum, f) => sum + (f.amount ?? 0), 0)
}

function offerOf(product: ProductLike, grant: number): Offer | null {
  const price = defaultPrice(product)
  if (!price || !isPriceSlug(price.slug)) return null
  return {
    priceSlug: price.slug,
    priceId: price.id,
    productName: product.name,
    amount: formatMoney(price.unitPrice, price.currency),
    price: formatPrice(price),
    calls: grant,
  }
}

/** The one-off purchase that adds credits to a meter ("500 calls for $10"), if the model has one. */
export function topUpOffer(model: PricingModelLike, meterSlug: string): Offer | null {
  for (const product of model.products) {
    const grant = creditGrant(model, product, meterSlug, 'once')
    const price = defaultPrice(product)
    if (product.active && !product.default && grant > 0 && price?.type === 'single_payment') {
      return offerOf(product, grant)
    }
  }
  return null
}

/** "500 calls for $10". */
export function topUpLabel(offer: Offer): string {
  return `${formatCount(offer.calls)} calls for ${offer.amount}`
}

/** The paid plan with the largest allowance on a meter, unless the customer is on it already. */
export function planOffer(
  model: PricingModelLike,
  meterSlug: string,
  currentPriceIds: ReadonlySet<string | null>,
): Offer | null {
  let best: Offer | null = null
  for (const product of model.products) {
    const price = defaultPrice(product)
    if (!product.active || product.default || price?.type !== 'subscription') continue
    if (product.prices.some((candidate) => currentPriceIds.has(candidate.id))) return null
    const grant = creditGrant(model, product, meterSlug, 'every_billing_period')
    const offer = grant > 0 ? offerOf(product, grant) : null
    if (offer && offer.calls > (best?.calls ?? 0)) best = offer
  }
  return best
}

/** The paid plan that includes a feature (the locked card names it and its price up front). */
export function planWithFeature(model: PricingModelLike, featureSlug: string): Offer | null {
  for (const product of model.products) {
    if (!product.active || product.default) continue
    if (product.features.some((feature) => feature.slug === featureSlug)) return offerOf(product, 0)
  }
  return null
}

/** The price a checkout bought, found by slug, with its product. */
export function findPrice(model: PricingModelLike, priceSlug: string) {
  for (const product of model.products) {
    const price = product.prices.find((candidate) => candidate.slug === priceSlug)
    if (price) return { product, price }
  }
  return null
}

/** The price with this id, with its product. */
export function findPriceById(model: PricingModelLike, priceId: string) {
  for (const product of model.products) {
    const price = product.prices.find((candidate) => candidate.id === priceId)
    if (price) return { product, price }
  }
  return null
}
