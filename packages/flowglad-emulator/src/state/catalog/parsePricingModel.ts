import { parse as parseYaml } from 'yaml'
import { buildCatalog, type Catalog } from './buildCatalog'
import { PricingModelError } from './PricingModelError'
import { type PricingModelInput, pricingSetupSchema } from './pricingSetupSchema'

/** Parses pricing setup text (YAML or JSON, which is YAML) or an object into a checked catalog. */
export function parsePricingModel(source: string | PricingModelInput): Catalog {
  let raw: unknown = source
  if (typeof source === 'string') {
    try {
      raw = parseYaml(source)
    } catch (error) {
      throw new PricingModelError(`Pricing file is neither YAML nor JSON: ${(error as Error).message}`)
    }
  }
  const parsed = pricingSetupSchema.safeParse(raw)
  if (!parsed.success) {
    throw new PricingModelError(
      'Invalid pricing model',
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    )
  }
  return buildCatalog(parsed.data)
}
