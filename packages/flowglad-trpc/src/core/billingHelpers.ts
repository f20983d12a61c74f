import { selectFeatures, selectUsageMeters } from './billingSelectors'
import type {
  BillingHelpers,
  BillingWithChecks,
  CustomerBillingLike,
  PricingModelLike,
  SubscriptionLike,
  SubscriptionScope,
  SubscriptionUsageMeterBalance,
  UsageMeterBalanceOf,
} from './billingTypes'
import type { FeatureSlug, PriceSlug, ProductSlug, UsageMeterSlug } from './slugs'

// Flowglad's `constructCheck*` / `constructGet*` (sdk-reference §1.4), with one rule shared with
// the narrow hooks: the checks read the same selectors as `useFeature`/`useUsageMeter`, so a page
// never shows two answers. Deliberate differences from Flowglad (docs/react.md): without a scope
// the checks look at every current subscription, not only the first (a customer with a plan and
// an add-on has the add-on's features), and a subscription with `experimental` but no
// `usageMeterBalances` yields null instead of throwing.

/** `(featureSlug, scope?) => boolean`: toggle features of the current (or scoped) subscriptions. */
export function checkFeatureAccess(
  subscriptions: readonly SubscriptionLike[],
  featureSlug: FeatureSlug,
  scope?: SubscriptionScope,
): boolean {
  return selectFeatures({ currentSubscriptions: subscriptions }, scope).some(
    (item) => item.slug === featureSlug,
  )
}

/** The meter's balance object on the current (or scoped) subscriptions, the first that has it, or null. */
export function checkUsageBalance<S extends SubscriptionLike>(
  subscriptions: readonly S[],
  usageMeterSlug: UsageMeterSlug,
  scope?: SubscriptionScope,
): SubscriptionUsageMeterBalance<S> | null {
  const balances = selectUsageMeters({ currentSubscriptions: subscriptions }, scope)
  return balances.find((candidate) => (candidate as { slug: string }).slug === usageMeterSlug) ?? null
}

/** The product with this slug, or null. */
export function getProduct<P extends PricingModelLike>(
  pricingModel: P,
  productSlug: ProductSlug,
): P['products'][number] | null {
  return pricingModel.products.find((product) => product.slug === productSlug) ?? null
}

/** The product-nested price with this slug (the last one wins on duplicates), or null. */
export function getPrice<P extends PricingModelLike>(
  pricingModel: P,
  priceSlug: PriceSlug,
): P['products'][number]['prices'][number] | null {
  let found: P['products'][number]['prices'][number] | null = null
  for (const product of pricingModel.products) {
    for (const price of product.prices) if (price.slug === priceSlug) found = price
  }
  return found
}

/** True when a purchase's price belongs to the product with this slug. */
export function hasPurchased(
  pricingModel: PricingModelLike,
  purchases: readonly { readonly priceId: string }[],
  productSlug: ProductSlug,
): boolean {
  const product = getProduct(pricingModel, productSlug)
  if (!product) return false
  const priceIds = new Set(product.prices.map((price) => price.id))
  return purchases.some((purchase) => priceIds.has(purchase.priceId))
}

/** Binds the five helpers to one billing payload (checks read its current subscriptions). */
export function billingHelpers<B extends CustomerBillingLike>(billing: B): BillingHelpers<B> {
  const subscriptions = billing.currentSubscriptions ?? []
  return {
    checkFeatureAccess: (featureSlug, scope) => checkFeatureAccess(subscriptions, featureSlug, scope),
    checkUsageBalance: (usageMeterSlug, scope) =>
      checkUsageBalance(subscriptions, usageMeterSlug, scope) as UsageMeterBalanceOf<B> | null,
    getProduct: (productSlug) => getProduct(billing.pricingModel, productSlug),
    getPrice: (priceSlug) => getPrice(billing.pricingModel, priceSlug),
    hasPurchased: (productSlug) => hasPurchased(billing.pricingModel, billing.purchases, productSlug),
  }
}

/** The billing payload with Flowglad's helpers attached: usable on the server and the client. */
export function withBillingHelpers<B extends CustomerBillingLike>(billing: B): BillingWithChecks<B> {
  return { ...billing, ...billingHelpers(billing) }
}
