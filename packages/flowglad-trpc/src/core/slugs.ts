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
