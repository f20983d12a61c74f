import type { PriceSlug } from 'flowglad-trpc'
import { flowgladSlugs } from '@/flowglad.gen'

const priceSlugs: ReadonlySet<string> = new Set(flowgladSlugs.price)

/** Narrows a slug read at runtime (the pricing model, a URL) to one of `pricing.yaml`'s prices. */
export function isPriceSlug(slug: unknown): slug is PriceSlug {
  return typeof slug === 'string' && priceSlugs.has(slug)
}
