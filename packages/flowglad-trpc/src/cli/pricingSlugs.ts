import { parse as parseYaml } from 'yaml'
import type { FlowgladSlugKinds } from '../core/slugs'

/** Every slug a pricing model defines, by kind, sorted and without duplicates. */
export type PricingSlugs = { readonly [K in keyof FlowgladSlugKinds]: readonly string[] }

/** The parts of the emulator's catalog the generator reads (`flowglad-emulator/core`'s `parsePricingModel`). */
interface CatalogLike {
  readonly productsBySlug: ReadonlyMap<string, unknown>
  readonly pricesBySlug: ReadonlyMap<string, unknown>
  readonly metersBySlug: ReadonlyMap<string, unknown>
  readonly resourcesBySlug: ReadonlyMap<string, unknown>
}

/** Thrown for a pricing file the generator cannot use; the message says what to fix. */
export class PricingFileError extends Error {
  override readonly name = 'PricingFileError'
}

const sorted = (slugs: Iterable<string>) => [...new Set(slugs)].sort()

/**
 * Reads the slugs of a Flowglad pricing setup file (YAML or JSON). The file is checked by the
 * emulator's parser, the same one that serves it locally, so a broken reference fails here, not
 * at run time; features come from the file's own list (a feature no product grants yet still counts).
 */
export async function readPricingSlugs(text: string, file: string): Promise<PricingSlugs> {
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (error) {
    throw new PricingFileError(`${file} is neither YAML nor JSON: ${(error as Error).message}`)
  }
  let parsePricingModel: (source: unknown) => CatalogLike
  try {
    ;({ parsePricingModel } = (await import('flowglad-emulator/core')) as unknown as {
      parsePricingModel: (source: unknown) => CatalogLike
    })
  } catch {
    throw new PricingFileError(
      'flowglad-trpc codegen reads the pricing file with flowglad-emulator: install it as a dev dependency.',
    )
  }
  let catalog: CatalogLike
  try {
    catalog = parsePricingModel(raw)
  } catch (error) {
    throw new PricingFileError(`${file}: ${(error as Error).message}`)
  }
  const features = (raw as { features?: readonly { slug?: unknown }[] }).features ?? []
  return {
    feature: sorted(features.flatMap((feature) => (typeof feature.slug === 'string' ? [feature.slug] : []))),
    price: sorted(catalog.pricesBySlug.keys()),
    product: sorted(catalog.productsBySlug.keys()),
    usageMeter: sorted(catalog.metersBySlug.keys()),
    resource: sorted(catalog.resourcesBySlug.keys()),
  }
}
