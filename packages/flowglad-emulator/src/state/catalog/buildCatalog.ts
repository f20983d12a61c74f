import { CATALOG_EPOCH, ORGANIZATION_ID } from '../constants'
import type {
  FeatureRecord,
  PriceRecord,
  PricingModelDetailsRecord,
  ProductWithPricesRecord,
  ResourceRecord,
  UsageMeterWithPricesRecord,
  UsagePriceRecord,
} from '../records'
import { PricingModelError } from './PricingModelError'
import type { PricingSetup } from './pricingSetupSchema'

/** The loaded pricing model plus slug/id indexes over it. Immutable once built. */
export interface Catalog {
  pricingModel: PricingModelDetailsRecord
  resources: ResourceRecord[]
  productsBySlug: ReadonlyMap<string, ProductWithPricesRecord>
  productsById: ReadonlyMap<string, ProductWithPricesRecord>
  /** Every price, product and usage prices alike, by id and by slug. */
  pricesById: ReadonlyMap<string, PriceRecord>
  pricesBySlug: ReadonlyMap<string, PriceRecord>
  metersById: ReadonlyMap<string, UsageMeterWithPricesRecord>
  metersBySlug: ReadonlyMap<string, UsageMeterWithPricesRecord>
  resourcesBySlug: ReadonlyMap<string, ResourceRecord>
  resourcesById: ReadonlyMap<string, ResourceRecord>
}

const PRICING_MODEL_ID = 'pricing_model_emulator'

/** Ids derive from slugs so state persisted against one load still resolves after a restart. */
const idFor = {
  product: (slug: string) => `prod_${slug}`,
  price: (slug: string) => `price_${slug}`,
  feature: (slug: string) => `feature_${slug}`,
  meter: (slug: string) => `usage_meter_${slug}`,
  resource: (slug: string) => `resource_${slug}`,
}

const base = (id: string) => ({ id, createdAt: CATALOG_EPOCH, updatedAt: CATALOG_EPOCH, livemode: false })

function duplicates(slugs: string[]): string[] {
  const seen = new Set<string>()
  return [...new Set(slugs.filter((slug) => seen.size === seen.add(slug).size))]
}

/** Turns a validated setup into Flowglad records, checking every cross reference. */
export function buildCatalog(setup: PricingSetup): Catalog {
  const issues: string[] = []
  const owner = { organizationId: ORGANIZATION_ID, pricingModelId: PRICING_MODEL_ID }

  const resources: ResourceRecord[] = setup.resources.map((resource) => ({
    ...base(idFor.resource(resource.slug)),
    ...owner,
    slug: resource.slug,
    name: resource.name,
    active: resource.active,
  }))
  const resourceSlugs = new Set(resources.map((resource) => resource.slug))

  const usagePrice = (
    price: PricingSetup['usageMeters'][number]['prices'][number],
    meterId: string,
    fallbackSlug: string,
  ): UsagePriceRecord => ({
    ...base(idFor.price(price.slug ?? fallbackSlug)),
    pricingModelId: PRICING_MODEL_ID,
    type: 'usage',
    name: price.name ?? null,
    slug: price.slug ?? fallbackSlug,
    unitPrice: price.unitPrice,
    isDefault: price.isDefault,
    active: price.active,
    currency: price.currency,
    intervalUnit: price.intervalUnit,
    intervalCount: price.intervalCount,
    trialPeriodDays: null,
    usageEventsPerUnit: price.usageEventsPerUnit,
    productId: null,
    usageMeterId: meterId,
  })

  const meters: UsageMeterWithPricesRecord[] = setup.usageMeters.map(({ usageMeter, prices }) => {
    const id = idFor.meter(usageMeter.slug)
    const meterPrices = prices.map((price, index) =>
      usagePrice(price, id, `${usageMeter.slug}_usage_${index}`),
    )
    return { ...base(id), ...owner, ...usageMeter, prices: meterPrices }
  })
  const meterBySlug = new Map(meters.map((meter) => [meter.slug, meter]))

  // Legacy layout: a usage price is declared as a product naming its meter; it belongs to the meter.
  type ProductEntry = PricingSetup['products'][number]
  type PurchasableEntry = ProductEntry & { price: Exclude<ProductEntry['price'], { type: 'usage' }> }
  const productEntries = setup.products.filter((entry): entry is PurchasableEntry => {
    if (entry.price.type !== 'usage') return true
    const meter = meterBySlug.get(entry.price.usageMeterSlug ?? '')
    if (!meter) {
      issues.push(
        `usage price "${entry.price.slug}" names unknown usage meter "${entry.price.usageMeterSlug}"`,
      )
      return false
    }
    meter.prices.push(usagePrice(entry.price, meter.id, entry.product.slug))
    return false
  })
  for (const meter of meters) {
    // Flowglad gives every meter a free "no charge" usage price, so events can always name a price.
    const noCharge = usagePrice(
      {
        type: 'usage',
        slug: `${meter.slug}_no_charge`,
        name: `${meter.name} (no charge)`,
        unitPrice: 0,
        usageEventsPerUnit: 1,
        intervalUnit: 'month',
        intervalCount: 1,
        isDefault: !meter.prices.some((p) => p.isDefault),
        active: true,
        currency: 'USD',
      },
      meter.id,
      `${meter.slug}_no_charge`,
    )
    meter.prices.push(noCharge)
    const defaults = meter.prices.filter((price) => price.isDefault)
    if (defaults.length > 1) issues.push(`usage meter "${meter.slug}" has more than one default price`)
    const defaultPrice = defaults[0] ?? meter.prices[0]
    if (defaultPrice) meter.defaultPrice = defaultPrice
  }

  const features: FeatureRecord[] = setup.features.map((feature) => {
    const common = {
      ...base(idFor.feature(feature.slug)),
      ...owner,
      slug: feature.slug,
      name: feature.name,
      description: feature.description,
      active: feature.active,
    }
    if (feature.type === 'toggle') {
      return {
        ...common,
        type: 'toggle',
        amount: null,
        usageMeterId: null,
        renewalFrequency: null,
        resourceId: null,
      }
    }
    if (feature.type === 'usage_credit_grant') {
      if (!meterBySlug.has(feature.usageMeterSlug))
        issues.push(`feature "${feature.slug}" names unknown usage meter "${feature.usageMeterSlug}"`)
      return {
        ...common,
        type: 'usage_credit_grant',
        amount: feature.amount,
        usageMeterId: idFor.meter(feature.usageMeterSlug),
        renewalFrequency: feature.renewalFrequency,
        resourceId: null,
      }
    }
    if (!resourceSlugs.has(feature.resourceSlug))
      issues.push(`feature "${feature.slug}" names unknown resource "${feature.resourceSlug}"`)
    return {
      ...common,
      type: 'resource',
      amount: feature.amount,
      usageMeterId: null,
      renewalFrequency: null,
      resourceId: idFor.resource(feature.resourceSlug),
    }
  })
  const featureBySlug = new Map(features.map((feature) => [feature.slug, feature]))

  const products: ProductWithPricesRecord[] = productEntries.map(({ product, price, features: slugs }) => {
    const productId = idFor.product(product.slug)
    const priceBase = {
      ...base(idFor.price(price.slug)),
      pricingModelId: PRICING_MODEL_ID,
      name: price.name ?? null,
      slug: price.slug,
      unitPrice: price.unitPrice,
      isDefault: price.isDefault,
      active: price.active,
      currency: price.currency,
      productId,
      usageEventsPerUnit: null,
      usageMeterId: null,
    }
    const record: PriceRecord =
      price.type === 'subscription'
        ? {
            ...priceBase,
            type: 'subscription',
            intervalUnit: price.intervalUnit,
            intervalCount: price.intervalCount,
            trialPeriodDays: price.trialPeriodDays ?? null,
          }
        : {
            ...priceBase,
            type: 'single_payment',
            intervalUnit: null,
            intervalCount: null,
            trialPeriodDays: null,
          }
    const productFeatures = slugs.flatMap((slug) => {
      const feature = featureBySlug.get(slug)
      if (!feature) issues.push(`product "${product.slug}" lists unknown feature "${slug}"`)
      return feature ? [feature] : []
    })
    return {
      ...base(productId),
      ...owner,
      name: product.name,
      slug: product.slug,
      description: product.description ?? null,
      imageURL: product.imageURL ?? null,
      active: product.active,
      default: product.default,
      singularQuantityLabel: product.singularQuantityLabel ?? null,
      pluralQuantityLabel: product.pluralQuantityLabel ?? null,
      prices: [record],
      defaultPrice: record,
      features: productFeatures,
    }
  })

  const allPrices: PriceRecord[] = [...products.flatMap((p) => p.prices), ...meters.flatMap((m) => m.prices)]
  for (const [kind, slugs] of [
    ['feature', features.map((f) => f.slug)],
    ['product', products.map((p) => p.slug)],
    ['price', allPrices.map((p) => p.slug ?? '')],
    ['usage meter', meters.map((m) => m.slug)],
    ['resource', resources.map((r) => r.slug)],
  ] as const) {
    for (const slug of duplicates(slugs)) issues.push(`duplicate ${kind} slug "${slug}"`)
  }
  const defaults = products.filter((product) => product.default)
  if (defaults.length > 1)
    issues.push(`more than one default product: ${defaults.map((p) => p.slug).join(', ')}`)
  if (issues.length > 0) throw new PricingModelError('Invalid pricing model', issues)

  const pricingModel: PricingModelDetailsRecord = {
    ...base(PRICING_MODEL_ID),
    organizationId: ORGANIZATION_ID,
    isDefault: true,
    name: setup.name,
    products,
    usageMeters: meters,
  }
  const defaultProduct = defaults[0]
  if (defaultProduct) pricingModel.defaultProduct = defaultProduct

  const index = <T extends { id: string }>(items: T[], key: (item: T) => string | null) =>
    new Map(items.flatMap((item) => (key(item) === null ? [] : [[key(item) as string, item] as const])))
  return {
    pricingModel,
    resources,
    productsBySlug: index(products, (p) => p.slug),
    productsById: index(products, (p) => p.id),
    pricesById: index(allPrices, (p) => p.id),
    pricesBySlug: index(allPrices, (p) => p.slug),
    metersById: index(meters, (m) => m.id),
    metersBySlug: index(meters, (m) => m.slug),
    resourcesBySlug: index(resources, (r) => r.slug),
    resourcesById: index(resources, (r) => r.id),
  }
}
