import { z } from 'zod'

/**
 * Flowglad's pricing setup file (`setupPricingModelSchema`), current and legacy layouts.
 * Loose on purpose: real files carry extra keys (`usageMeterId: null`, ...) that mean nothing here.
 */

const intervalUnit = z.enum(['day', 'week', 'month', 'year'])

const featureBase = {
  slug: z.string().min(1),
  name: z.string().min(1),
  description: z.string().default(''),
  active: z.boolean().default(true),
}

const featureSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('toggle'), ...featureBase }),
  z.object({
    type: z.literal('usage_credit_grant'),
    ...featureBase,
    amount: z.number().int().nonnegative(),
    renewalFrequency: z.enum(['once', 'every_billing_period']),
    usageMeterSlug: z.string().min(1),
  }),
  z.object({
    type: z.literal('resource'),
    ...featureBase,
    resourceSlug: z.string().min(1),
    amount: z.number().int().positive(),
  }),
])

const priceBase = {
  slug: z.string().min(1),
  name: z.string().nullish(),
  unitPrice: z.number().int().nonnegative(),
  isDefault: z.boolean().default(true),
  active: z.boolean().default(true),
  currency: z.string().default('USD'),
}

const usagePriceSchema = z.object({
  type: z.literal('usage'),
  ...priceBase,
  slug: z.string().min(1).nullish(),
  unitPrice: z.number().int().nonnegative(),
  usageEventsPerUnit: z.number().int().positive().default(1),
  intervalUnit: intervalUnit.default('month'),
  intervalCount: z.number().int().positive().default(1),
  isDefault: z.boolean().default(false),
  /** Legacy layout only: a usage price declared as a product names its meter here. */
  usageMeterSlug: z.string().optional(),
})

const productPriceSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscription'),
    ...priceBase,
    intervalUnit: intervalUnit,
    intervalCount: z.number().int().positive().default(1),
    trialPeriodDays: z.number().int().nonnegative().nullish(),
  }),
  z.object({ type: z.literal('single_payment'), ...priceBase }),
  usagePriceSchema,
])

const productSchema = z.object({
  product: z.object({
    name: z.string().min(1),
    slug: z.string().min(1),
    description: z.string().nullish(),
    active: z.boolean().default(true),
    default: z.boolean().default(false),
    singularQuantityLabel: z.string().nullish(),
    pluralQuantityLabel: z.string().nullish(),
    imageURL: z.string().nullish(),
  }),
  price: productPriceSchema,
  features: z.array(z.string()).default([]),
})

const meterFields = {
  name: z.string().min(1),
  slug: z.string().min(1),
  aggregationType: z.enum(['sum', 'count_distinct_properties']).default('sum'),
}

/** Current layout `{ usageMeter, prices }` or the legacy flat `{ name, slug, aggregationType }`. */
const usageMeterSchema = z.union([
  z.object({ usageMeter: z.object(meterFields), prices: z.array(usagePriceSchema).default([]) }),
  z.object(meterFields).transform((meter) => ({ usageMeter: meter, prices: [] })),
])

/** A pricing setup file, parsed; what `loadPricingModel` accepts as an object. */
export const pricingSetupSchema = z.object({
  name: z.string().min(1),
  isDefault: z.boolean().default(false),
  features: z.array(featureSchema).default([]),
  products: z.array(productSchema).min(1),
  usageMeters: z
    .array(usageMeterSchema)
    .nullish()
    .transform((meters) => meters ?? []),
  resources: z
    .array(z.object({ slug: z.string().min(1), name: z.string().min(1), active: z.boolean().default(true) }))
    .default([]),
})

/** The raw (input) shape of a pricing setup file. */
export type PricingModelInput = z.input<typeof pricingSetupSchema>
/** A validated pricing setup, defaults applied and legacy meters normalised. */
export type PricingSetup = z.output<typeof pricingSetupSchema>
