import type { RefusalOffer, RefusalPlan } from '../../core/refusal'
import type { CustomerBilling, PricingModel, SubscriptionDetails } from '../types'

// What a refusal offers, read from the customer's own pricing model in the billing payload the gate
// already has: no extra upstream call.

type Product = PricingModel['products'][number]
type Price = Product['prices'][number]

/** One price of a product, as an offer. */
function offerOf(product: Product, price: Price): RefusalOffer {
  return {
    productSlug: product.slug,
    productName: product.name,
    priceSlug: price.slug ?? null,
    priceId: price.id,
    priceType: price.type,
    unitPrice: price.unitPrice,
    currency: price.currency,
  }
}

/** Active prices of the products matching `grants`, cheapest first, except the current plan's price. */
function offersWhere(
  billing: CustomerBilling,
  grants: (product: Product) => boolean,
  priceTypes: ReadonlySet<Price['type']>,
): RefusalOffer[] {
  const currentPriceIds = new Set((billing.currentSubscriptions ?? []).map((s) => s.priceId))
  const offers: RefusalOffer[] = []
  for (const product of billing.pricingModel.products) {
    if (!product.active || !grants(product)) continue
    for (const price of product.prices)
      if (price.active && priceTypes.has(price.type) && !currentPriceIds.has(price.id))
        offers.push(offerOf(product, price))
  }
  return offers.sort((a, b) => a.unitPrice - b.unitPrice)
}

const plansAndPurchases: ReadonlySet<Price['type']> = new Set(['subscription', 'single_payment'])
const plansOnly: ReadonlySet<Price['type']> = new Set(['subscription'])
const purchasesOnly: ReadonlySet<Price['type']> = new Set(['single_payment'])

/** The current plan: the first current subscription's product and price. */
export function currentPlanOf(billing: CustomerBilling): RefusalPlan | null {
  const subscription: SubscriptionDetails | undefined = billing.currentSubscriptions?.[0]
  if (!subscription) return null
  for (const product of billing.pricingModel.products)
    for (const price of product.prices)
      if (price.id === subscription.priceId)
        return {
          productSlug: product.slug,
          productName: product.name,
          priceSlug: price.slug ?? null,
          subscriptionId: subscription.id,
        }
  return { productSlug: null, productName: '', priceSlug: null, subscriptionId: subscription.id }
}

/** Plans and purchases whose product grants the feature. */
export function offersUnlocking(billing: CustomerBilling, featureSlug: string): RefusalOffer[] {
  return offersWhere(
    billing,
    (product) => product.features.some((feature) => feature.slug === featureSlug),
    plansAndPurchases,
  )
}

/** Offers granting credits on the meter: one-off top-ups and plans. */
export function offersCrediting(
  billing: CustomerBilling,
  meterSlug: string,
): { topUps: RefusalOffer[]; plans: RefusalOffer[] } {
  const meterId = billing.pricingModel.usageMeters.find((meter) => meter.slug === meterSlug)?.id
  const grants = (product: Product) =>
    meterId !== undefined &&
    product.features.some(
      (feature) => feature.type === 'usage_credit_grant' && feature.usageMeterId === meterId,
    )
  return {
    topUps: offersWhere(billing, grants, purchasesOnly),
    plans: offersWhere(billing, grants, plansOnly),
  }
}
