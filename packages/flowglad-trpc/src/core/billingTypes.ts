import type { Flowglad } from '@flowglad/node'
import type { FeatureSlug, PriceSlug, ProductSlug, UsageMeterSlug, WithPricingModelSlugs } from './slugs'

// Type-only: the React entry may import these without bundling `@flowglad/node`.
// The helpers below are structural (`*Like`) so they accept whatever the app's router returns
// for `billing.get`, and their results keep that router's precise element types.

// One name per concept: the payload is `CustomerBilling` everywhere (server, core, React: the
// router-derived `CustomerBillingOf<T>`); what the helpers accept of it is `CustomerBillingLike`.
// An interface, not an alias, so published declarations name it instead of @flowglad/node's
// internal module path.

/** The customer's billing payload (`GET /customers/{externalId}/billing`), as `billing.get` returns it. */
export interface CustomerBilling extends Flowglad.CustomerRetrieveBillingResponse {}
/**
 * A pricing model with its products, prices and usage meters, as `pricing.default` returns it:
 * its slugs typed by the app's registration (`flowglad-trpc codegen`; plain strings without one).
 */
export type PricingModel = WithPricingModelSlugs<CustomerBilling['pricingModel']>
/** One product of a pricing model. */
export type Product = PricingModel['products'][number]
/** One price nested under a product. */
export type Price = Product['prices'][number]
/** A subscription with its items and (experimental) feature items and meter balances. */
export type SubscriptionDetails = CustomerBilling['subscriptions'][number]
/** One purchase of the customer. */
export type Purchase = CustomerBilling['purchases'][number]

/** A feature granted to a subscription item (toggle, usage credit grant or resource). */
export interface FeatureItemLike {
  readonly id: string
  readonly slug: string
  readonly type: string
  readonly name?: string
  readonly livemode?: boolean
}

/** A usage meter's balance for one subscription. */
export interface UsageMeterBalanceLike {
  readonly slug: string
  readonly availableBalance: number
  readonly subscriptionId?: string
}

/** The subscription fields the helpers read. */
export interface SubscriptionLike {
  readonly id: string
  /** Newer payloads put feature items at the top level; Flowglad prefers them over `experimental`. */
  readonly featureItems?: readonly FeatureItemLike[]
  readonly experimental?: {
    readonly featureItems?: readonly FeatureItemLike[]
    readonly usageMeterBalances?: readonly UsageMeterBalanceLike[]
  } | null
}

/** The pricing-model fields the helpers read. */
export interface PricingModelLike {
  readonly products: readonly {
    readonly slug: string | null
    readonly prices: readonly { readonly id: string; readonly slug: string | null }[]
  }[]
}

/** The billing fields the helpers read: a structural subset of {@link CustomerBilling}. */
export interface CustomerBillingLike {
  readonly pricingModel: PricingModelLike
  readonly purchases: readonly { readonly priceId: string }[]
  readonly currentSubscriptions?: readonly SubscriptionLike[]
}

/** Narrows a check to one subscription; all current subscriptions otherwise. */
export interface SubscriptionScope {
  readonly subscriptionId?: string
}

type CurrentSubscription<B extends CustomerBillingLike> = NonNullable<B['currentSubscriptions']>[number]
/** The usage meter balance type carried by subscription type `S`. */
export type SubscriptionUsageMeterBalance<S> = S extends { experimental?: infer E }
  ? NonNullable<E> extends { usageMeterBalances?: infer U }
    ? NonNullable<U> extends readonly (infer Item)[]
      ? Item
      : never
    : never
  : never

/** A product of `B`'s pricing model. */
export type ProductOf<B extends CustomerBillingLike> = B['pricingModel']['products'][number]
/** A product-nested price of `B`'s pricing model. */
export type PriceOf<B extends CustomerBillingLike> = ProductOf<B>['prices'][number]
/** A usage meter balance of `B`'s current subscriptions. */
export type UsageMeterBalanceOf<B extends CustomerBillingLike> = SubscriptionUsageMeterBalance<
  CurrentSubscription<B>
>

/** The five derived checks Flowglad adds to a billing payload. */
export interface BillingHelpers<B extends CustomerBillingLike> {
  /** True when a current subscription (or the scoped one) has the toggle feature `featureSlug`. */
  checkFeatureAccess: (featureSlug: FeatureSlug, scope?: SubscriptionScope) => boolean
  /** The meter's balance on the current subscriptions (or the scoped one), or null. */
  checkUsageBalance: (
    usageMeterSlug: UsageMeterSlug,
    scope?: SubscriptionScope,
  ) => UsageMeterBalanceOf<B> | null
  /** The pricing model's product with this slug, or null. */
  getProduct: (productSlug: ProductSlug) => ProductOf<B> | null
  /** The product-nested price with this slug, or null. */
  getPrice: (priceSlug: PriceSlug) => PriceOf<B> | null
  /** True when any purchase bought one of the product's prices. */
  hasPurchased: (productSlug: ProductSlug) => boolean
}

/** A billing payload plus its {@link BillingHelpers}. */
export type BillingWithChecks<B extends CustomerBillingLike> = B & BillingHelpers<B>
