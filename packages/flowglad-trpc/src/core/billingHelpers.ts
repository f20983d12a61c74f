import type {
  BillingHelpers,
  BillingLike,
  BillingWithChecks,
  PricingModelLike,
  SubscriptionBalance,
  SubscriptionLike,
  SubscriptionScope,
  UsageMeterBalanceOf,
} from './billingTypes'

// Same semantics as Flowglad's `constructCheck*` / `constructGet*` (sdk-reference §1.4), so code
// moving from `@flowglad/react` or `@flowglad/server` keeps its answers. One deliberate fix: a
// subscription with `experimental` but no `usageMeterBalances` yields null instead of throwing.

function pickSubscription<S extends SubscriptionLike>(
  subscriptions: readonly S[],
  scope: SubscriptionScope | undefined,
): S | undefined {
  if (scope?.subscriptionId === undefined) return subscriptions[0]
  return subscriptions.find((subscription) => subscription.id === scope.subscriptionId)
}

/** `(featureSlug, scope?) => boolean`: toggle features only, like Flowglad. */
export function checkFeatureAccess(
  subscriptions: readonly SubscriptionLike[],
  featureSlug: string,
  scope?: SubscriptionScope,
): boolean {
  const subscription = pickSubscription(subscriptions, scope)
  if (!subscription) return false
  // `??`, not `||`: an empty top-level list is an answer, not a reason to fall back.
  const items = subscription.featureItems ?? subscription.experimental?.featureItems ?? []
  return items.some((item) => item.type === 'toggle' && item.slug === featureSlug)
}

/** The meter's balance object on the chosen subscription, or null. */
export function checkUsageBalance<S extends SubscriptionLike>(
  subscriptions: readonly S[],
  usageMeterSlug: string,
  scope?: SubscriptionScope,
): SubscriptionBalance<S> | null {
  const balances = pickSubscription(subscriptions, scope)?.experimental?.usageMeterBalances ?? []
  // The element type is `S`'s own balance type; the structural read above only widened it.
  const balance = balances.find((candidate) => candidate.slug === usageMeterSlug)
  return (balance ?? null) as SubscriptionBalance<S> | null
}

/** The product with this slug, or null. */
export function getProduct<P extends PricingModelLike>(
  pricingModel: P,
  productSlug: string,
): P['products'][number] | null {
  return pricingModel.products.find((product) => product.slug === productSlug) ?? null
}

/** The product-nested price with this slug (the last one wins on duplicates), or null. */
export function getPrice<P extends PricingModelLike>(
  pricingModel: P,
  priceSlug: string,
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
  productSlug: string,
): boolean {
  const product = getProduct(pricingModel, productSlug)
  if (!product) return false
  const priceIds = new Set(product.prices.map((price) => price.id))
  return purchases.some((purchase) => priceIds.has(purchase.priceId))
}

/** Binds the five helpers to one billing payload (checks read its current subscriptions). */
export function billingHelpers<B extends BillingLike>(billing: B): BillingHelpers<B> {
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
export function withBillingHelpers<B extends BillingLike>(billing: B): BillingWithChecks<B> {
  return { ...billing, ...billingHelpers(billing) }
}
