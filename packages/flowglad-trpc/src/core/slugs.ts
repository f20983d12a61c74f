// Typed slugs. An app registers its pricing model's slugs once, by declaration merging (the file
// `flowglad-trpc codegen` writes does it), and every hook, middleware and helper that takes a slug
// accepts only those literals. Without a registration every slug type is plain `string`.

/**
 * Declaration-merging point for an app's slugs:
 * `declare module 'flowglad-trpc' { interface Register { slugs: { feature: 'a' | 'b', ... } } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the app's declaration merging
export interface Register {}

/** The slug kinds a pricing model defines. */
export interface FlowgladSlugKinds {
  feature: string
  price: string
  product: string
  usageMeter: string
  resource: string
}

type RegisteredSlugs = Register extends { slugs: infer S } ? S : Record<never, never>

/** The registered slugs of one kind, or `string` when the app registered none. */
export type SlugOf<K extends keyof FlowgladSlugKinds> = RegisteredSlugs extends {
  [P in K]: infer U extends string
}
  ? U
  : string

/** A feature slug of the app's pricing model. */
export type FeatureSlug = SlugOf<'feature'>
/** A price slug of the app's pricing model. */
export type PriceSlug = SlugOf<'price'>
/** A product slug of the app's pricing model. */
export type ProductSlug = SlugOf<'product'>
/** A usage meter slug of the app's pricing model. */
export type UsageMeterSlug = SlugOf<'usageMeter'>
/** A resource slug of the app's pricing model. */
export type ResourceSlug = SlugOf<'resource'>

/** `V` as slug type `S` where it is a string (null and undefined kept). */
type SlugField<V, S> = V extends string ? S : V
/** Each element of an array field with its `slug` narrowed. */
type WithSlug<E, S> = { [K in keyof E]: K extends 'slug' ? SlugField<E[K], S> : E[K] }
type ProductWithSlugs<P> = {
  [K in keyof P]: K extends 'slug'
    ? SlugField<P[K], ProductSlug>
    : K extends 'prices'
      ? P[K] extends readonly (infer E)[]
        ? WithSlug<E, PriceSlug>[]
        : P[K]
      : K extends 'features'
        ? P[K] extends readonly (infer E)[]
          ? WithSlug<E, FeatureSlug>[]
          : P[K]
        : P[K]
}
/** The slug type each array field of a pricing model holds. */
interface PricingModelSlugFields {
  usageMeters: UsageMeterSlug
  features: FeatureSlug
  resources: ResourceSlug
}

/**
 * A pricing model with the app's registered slugs: `products[].slug`, `products[].prices[].slug`,
 * `products[].features[].slug`, `usageMeters[].slug`, `features[].slug`, `resources[].slug`, so
 * what `pricing.default` returns can be passed where a slug is taken (e.g. a checkout's `priceSlug`).
 * Without a registration every slug stays `string`.
 */
export type WithPricingModelSlugs<M> = {
  [K in keyof M]: K extends 'products'
    ? M[K] extends readonly (infer P)[]
      ? ProductWithSlugs<P>[]
      : M[K]
    : K extends keyof PricingModelSlugFields
      ? M[K] extends readonly (infer E)[]
        ? WithSlug<E, PricingModelSlugFields[K]>[]
        : M[K]
      : M[K]
}
