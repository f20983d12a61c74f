import { z } from 'zod'

/** Request-body building blocks shared by several routes. */

/** `Metadata`: flat string/number/boolean values. */
export const metadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))

/** A postal billing address (`BillingAddress`). */
export const billingAddressSchema = z.object({
  name: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  email: z.email().nullish(),
  phone: z.string().nullish(),
  address: z.object({
    name: z.string().nullish(),
    line1: z.string().nullish(),
    line2: z.string().nullish(),
    city: z.string().nullish(),
    state: z.string().nullish(),
    postal_code: z.string().nullish(),
    country: z.string(),
  }),
})

/** A non-empty identifier. */
export const idSchema = z.string().min(1)
