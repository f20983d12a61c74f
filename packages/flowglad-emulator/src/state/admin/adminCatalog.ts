import type { Catalog } from '../catalog/buildCatalog'
import type { FeatureRecord, PricingModelDetailsRecord } from '../records'

/**
 * What admin writes add beside the loaded catalog: features no product carries yet, and the
 * pricing models created or cloned through the API. Kept per catalog in memory, like the catalog itself (not in the persisted data:
 * a restart reloads the pricing file; SPEC-NOTES.md "Admin writes").
 */
export interface AdminCatalog {
  features: FeatureRecord[]
  models: PricingModelDetailsRecord[]
}

const byCatalog = new WeakMap<Catalog, AdminCatalog>()

/** The admin additions to `catalog`, created empty on first use. */
export function adminCatalog(catalog: Catalog): AdminCatalog {
  let admin = byCatalog.get(catalog)
  if (!admin) {
    admin = { features: [], models: [] }
    byCatalog.set(catalog, admin)
  }
  return admin
}

/** The catalog's indexes, writable: admin writes keep them in step with the pricing model. */
export function writableIndexes(catalog: Catalog) {
  return catalog as unknown as {
    productsBySlug: Map<string, Catalog['productsBySlug'] extends ReadonlyMap<string, infer V> ? V : never>
    productsById: Map<string, Catalog['productsById'] extends ReadonlyMap<string, infer V> ? V : never>
    pricesById: Map<string, Catalog['pricesById'] extends ReadonlyMap<string, infer V> ? V : never>
    pricesBySlug: Map<string, Catalog['pricesBySlug'] extends ReadonlyMap<string, infer V> ? V : never>
    metersById: Map<string, Catalog['metersById'] extends ReadonlyMap<string, infer V> ? V : never>
    metersBySlug: Map<string, Catalog['metersBySlug'] extends ReadonlyMap<string, infer V> ? V : never>
  }
}
