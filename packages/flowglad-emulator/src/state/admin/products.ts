import { ORGANIZATION_ID } from '../constants'
import type { EmulatorStore } from '../EmulatorStore'
import { FlowgladApiError } from '../FlowgladApiError'
import { listFeatureRows, productRow } from '../lists/catalogViews'
import { findProduct } from '../lists/findRecords'
import type { ProductRecord, ProductWithPricesRecord } from '../records'
import { writableIndexes } from './adminCatalog'
import { addPrice, type NewPrice } from './prices'

/** `createProductSchema.product`. */
export interface NewProduct {
  name: string
  slug: string
  active: boolean
  pricingModelId: string
  description?: string | null | undefined
  imageURL?: string | null | undefined
  singularQuantityLabel?: string | null | undefined
  pluralQuantityLabel?: string | null | undefined
  default?: boolean | undefined
}

/** Fields `editProductSchema.product` may change. */
export type ProductPatch = Partial<Omit<NewProduct, 'pricingModelId'>>

/**
 * productsRouter `createProduct`: default products are refused (403, `validateProductCreation`);
 * a slug taken in the pricing model is a 409 (the products unique index, mapped by
 * `errorHandlers.product`); the product is created with its price as the default and the features
 * named by `featureIds`.
 */
export function createProduct(
  store: EmulatorStore,
  input: { product: NewProduct; price: NewPrice; featureIds?: string[] | undefined },
): ProductRecord {
  const { product: fields, price, featureIds = [] } = input
  if (fields.default)
    throw new FlowgladApiError(
      'FORBIDDEN',
      'Default products cannot be created manually. They are automatically created when pricing models are created.',
    )
  const model = store.catalog.pricingModel
  if (model.products.some((p) => p.slug === fields.slug))
    throw new FlowgladApiError(
      'CONFLICT',
      'This product slug already exists in this pricing model. Please choose a different slug.',
    )
  // Usage prices belong to usage meters (`productId: null`): a product created with one would have
  // no price of its own, which nothing downstream can serve, so it is refused before any change.
  if (price.type === 'usage')
    throw new FlowgladApiError(
      'BAD_REQUEST',
      "A product's price must be a subscription or single payment price; create usage prices on a usage meter",
    )
  const features = listFeatureRows(store).filter((f) => featureIds.includes(f.id))
  const product: ProductWithPricesRecord = {
    ...store.stamp('prod'),
    name: fields.name,
    description: fields.description ?? null,
    imageURL: fields.imageURL ?? null,
    organizationId: ORGANIZATION_ID,
    active: fields.active,
    singularQuantityLabel: fields.singularQuantityLabel ?? null,
    pluralQuantityLabel: fields.pluralQuantityLabel ?? null,
    pricingModelId: model.id,
    default: false,
    slug: fields.slug,
    prices: [],
    // Filled by addPrice below; a product always has a default price.
    defaultPrice: undefined as unknown as ProductWithPricesRecord['defaultPrice'],
    features,
  }
  model.products.push(product)
  const indexes = writableIndexes(store.catalog)
  indexes.productsById.set(product.id, product)
  indexes.productsBySlug.set(product.slug, product)
  try {
    addPrice(store, { ...price, isDefault: true, productId: product.id })
  } catch (error) {
    // Leave nothing half-made: the product goes with its price.
    model.products.splice(model.products.indexOf(product), 1)
    indexes.productsById.delete(product.id)
    indexes.productsBySlug.delete(product.slug)
    throw error
  }
  store.changed()
  return productRow(product)
}

/** productsRouter `updateProduct` (`editProductPricingModel`): the given fields change, `updatedAt` moves. */
export function updateProduct(store: EmulatorStore, id: string, patch: ProductPatch): ProductRecord {
  const product = findProduct(store, id)
  const indexes = writableIndexes(store.catalog)
  if (patch.slug !== undefined && patch.slug !== product.slug) {
    if (store.catalog.pricingModel.products.some((p) => p.slug === patch.slug))
      throw new FlowgladApiError(
        'CONFLICT',
        'This product slug already exists in this pricing model. Please choose a different slug.',
      )
    indexes.productsBySlug.delete(product.slug)
  }
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (product as unknown as Record<string, unknown>)[key] = value
  }
  product.updatedAt = store.now()
  indexes.productsBySlug.set(product.slug, product)
  store.changed()
  return productRow(product)
}
