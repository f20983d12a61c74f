import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Catalog } from '../state/catalog/buildCatalog'
import { PricingModelError } from '../state/catalog/PricingModelError'
import { parsePricingModel } from '../state/catalog/parsePricingModel'
import type { PricingModelInput } from '../state/catalog/pricingSetupSchema'

/** This module's directory (tsup shims import.meta.url in the CJS build). */
function moduleDir(): string {
  return dirname(fileURLToPath(import.meta.url))
}

/** Path of the package's built-in pricing model (`pricing/default.yaml`), from `dist/` or `src/node/`. */
export function defaultPricingFile(): string {
  const here = moduleDir()
  for (const up of ['..', '../..']) {
    const candidate = join(here, up, 'pricing', 'default.yaml')
    try {
      readFileSync(candidate)
      return candidate
    } catch {}
  }
  throw new PricingModelError(`Built-in pricing model not found near ${here}`)
}

/**
 * Loads a pricing model: a path to a YAML/JSON setup file, an already-parsed setup object, or
 * nothing for the built-in model. Throws `PricingModelError` listing every problem found.
 */
export function loadPricingModel(fileOrObject?: string | PricingModelInput): Catalog {
  if (typeof fileOrObject === 'object') return parsePricingModel(fileOrObject)
  const file = fileOrObject ?? defaultPricingFile()
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new PricingModelError(`Cannot read pricing file ${file}: ${(error as Error).message}`)
  }
  try {
    return parsePricingModel(text)
  } catch (error) {
    if (error instanceof PricingModelError) throw new PricingModelError(`${file}: ${error.message}`)
    throw error
  }
}
