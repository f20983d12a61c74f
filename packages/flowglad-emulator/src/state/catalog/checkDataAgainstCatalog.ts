import type { EmulatorData } from '../EmulatorData'
import type { Catalog } from './buildCatalog'
import { PricingModelError } from './PricingModelError'

type Kind = 'price' | 'usage meter' | 'feature' | 'resource'

/** How each kind of catalog id is looked up and how its slug is recovered (ids derive from slugs). */
const kinds: Record<Kind, { has: (catalog: Catalog, id: string) => boolean; prefix: string }> = {
  price: { has: (catalog, id) => catalog.pricesById.has(id), prefix: 'price_' },
  'usage meter': { has: (catalog, id) => catalog.metersById.has(id), prefix: 'usage_meter_' },
  feature: {
    has: (catalog, id) =>
      [...catalog.productsById.values()].some((product) => product.features.some((f) => f.id === id)),
    prefix: 'feature_',
  },
  resource: { has: (catalog, id) => catalog.resourcesById.has(id), prefix: 'resource_' },
}

/** Every catalog id the data points at, by kind. */
function referencedIds(data: EmulatorData): Record<Kind, Set<string | null>> {
  return {
    price: new Set([
      ...data.subscriptions.map((s) => s.priceId),
      ...data.subscriptionItems.map((i) => i.priceId),
      ...data.purchases.map((p) => p.priceId),
      ...data.checkoutSessions.map((s) => s.priceId),
      ...data.usageEvents.map((e) => e.priceId),
      ...data.scheduledAdjustments.flatMap((a) => a.items.map((i) => i.priceId)),
    ]),
    'usage meter': new Set([
      ...data.meterBalances.map((b) => b.usageMeterId),
      ...data.usageEvents.map((e) => e.usageMeterId),
      ...data.subscriptionItemFeatures.map((f) => f.usageMeterId),
    ]),
    feature: new Set(data.subscriptionItemFeatures.map((f) => f.featureId)),
    resource: new Set([
      ...data.resourceClaims.map((c) => c.resourceId),
      ...data.subscriptionItemFeatures.map((f) => f.resourceId),
    ]),
  }
}

/**
 * Refuses state saved under a pricing model whose slugs have since changed: every price, meter,
 * feature and resource the data refers to must still exist. Without this the first request that
 * touched a vanished slug would fail far from its cause.
 */
export function checkDataAgainstCatalog(data: EmulatorData, catalog: Catalog): void {
  const references = referencedIds(data)
  const issues = (Object.keys(kinds) as Kind[]).flatMap((kind) =>
    [...references[kind]]
      .filter((id): id is string => id !== null && !kinds[kind].has(catalog, id))
      .map(
        (id) => `${kind} "${id.replace(kinds[kind].prefix, '')}" (${id}) is no longer in the pricing model`,
      ),
  )
  if (issues.length > 0) {
    throw new PricingModelError(
      'Saved state does not match the pricing model (a slug was renamed or removed); restore the slug or delete the state file',
      issues,
    )
  }
}
