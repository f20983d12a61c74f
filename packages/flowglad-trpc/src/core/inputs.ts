import { z } from 'zod/v4'
import { findInputProblem } from './findInputProblem'

// Input validators for every Flowglad procedure. They follow Flowglad's own validators
// (`@flowglad/shared` actions.ts, sdk-reference §1.2) with one deliberate difference: the
// customer (external id) is never an input, it always comes from the tRPC context.
// Kept apart from `actions.ts` so the React entry never bundles zod schemas.
// Every exported schema is wrapped in `jsonInput`, and fields carry limits of their own
// (`fieldLimits`), so hostile input is a BAD_REQUEST before any upstream call (README "Security").

/** Limits on individual fields, beyond the limits on any input (`inputLimits`). */
export const fieldLimits = {
  /** Ids, slugs, external ids and transaction ids. */
  idLength: 255,
  /** Names (customer, purchase, subscription, address lines). */
  nameLength: 255,
  emailLength: 320,
  phoneLength: 64,
  urlLength: 2_048,
  /** Metadata (Flowglad stores string | number | boolean values): keys per object, key and value length. */
  metadataKeys: 50,
  metadataKeyLength: 40,
  metadataValueLength: 500,
  /** Keys of a usage event's `properties`. */
  propertiesKeys: 50,
  /** Epoch-millisecond dates (`usageDate`, `trialEnd`): 1970-01-01 to 9999-12-31. */
  maxEpochMs: Date.UTC(9999, 11, 31, 23, 59, 59, 999),
  /** Items of `subscriptionItems`. */
  subscriptionItems: 100,
  /** Page size of list procedures. */
  pageSize: 100,
} as const

/**
 * The parser of one action's input: refuses anything but plain, bounded JSON (FormData from a
 * cross-site form, streams, class instances, BigInt, deep nesting, `__proto__` keys ...) before
 * `schema` runs, keeping `schema`'s input and output types.
 */
function jsonInput<T extends z.ZodType>(schema: T): z.ZodPipe<z.ZodCustom<z.input<T>, z.input<T>>, T> {
  const guard = z.custom<z.input<T>>().superRefine((value, ctx) => {
    const problem = findInputProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: [...problem.path] })
  })
  // A generic T's input cannot be proven to accept z.input<T>; for a concrete schema it always does.
  return guard.pipe(schema as z.ZodType as z.ZodType<unknown, z.input<T>>) as z.ZodPipe<typeof guard, T>
}

/** Exactly one of the listed keys: Flowglad's "xor" (the others are forbidden). */
function exactlyOne<const K extends string>(keys: readonly K[], message: string) {
  return (value: Partial<Record<K, unknown>>, ctx: z.RefinementCtx) => {
    const present = keys.filter((key) => value[key] !== undefined)
    if (present.length !== 1) ctx.addIssue({ code: 'custom', message, path: present.length ? present : [] })
  }
}

const id = () => z.string().max(fieldLimits.idLength)
const name = () => z.string().max(fieldLimits.nameLength)
const epochMs = () => z.number().int().min(0).max(fieldLimits.maxEpochMs)

/** Parses a URL or returns undefined (`URL.canParse` is newer than the Node versions supported). */
function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}

/**
 * A checkout redirect target: absolute http(s), no credentials, and forwarded as the WHATWG
 * parser normalises it (what the origin check saw is what Flowglad gets, whatever spaces,
 * tabs or case the raw string had).
 */
const redirectUrl = z
  .string()
  .max(fieldLimits.urlLength)
  .refine((value) => {
    const url = parseUrl(value)
    return (
      url !== undefined &&
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.username === '' &&
      url.password === ''
    )
  }, 'Must be an absolute http(s) URL without credentials')
  // zod 3.25's v4 runs a transform even after a failed refine: never throw here.
  .transform((value) => parseUrl(value)?.href ?? value)

/** Flowglad's metadata (`metadataSchema`: string | number | boolean values), bounded. */
const metadata = z
  .record(
    z.string().min(1).max(fieldLimits.metadataKeyLength),
    z.union([z.string().max(fieldLimits.metadataValueLength), z.number(), z.boolean()]),
  )
  .refine(
    (value) => Object.keys(value).length <= fieldLimits.metadataKeys,
    `At most ${fieldLimits.metadataKeys} metadata keys`,
  )

const checkoutCore = {
  successUrl: redirectUrl,
  cancelUrl: redirectUrl,
  // Flowglad stores metadata values as string | number | boolean; reject others here, not upstream.
  outputMetadata: metadata.optional(),
  outputName: name().optional(),
}

/** `checkout.create`: a product checkout for one price (by id or slug). */
export const createCheckoutSessionInput = jsonInput(
  z
    .object({
      ...checkoutCore,
      priceId: id().min(1).optional(),
      priceSlug: id().min(1).optional(),
      quantity: z.number().int().positive().optional(),
      /** Client-only: navigate to the checkout URL once created (ignored by the server). */
      autoRedirect: z.boolean().optional(),
    })
    .superRefine(exactlyOne(['priceId', 'priceSlug'], 'Provide exactly one of priceId or priceSlug')),
)

/** `checkout.createAddPaymentMethod`. */
export const createAddPaymentMethodCheckoutSessionInput = jsonInput(
  z.object({
    ...checkoutCore,
    targetSubscriptionId: id().optional(),
    autoRedirect: z.boolean().optional(),
  }),
)

/** `checkout.createActivateSubscription`. */
export const createActivateSubscriptionCheckoutSessionInput = jsonInput(
  z.object({
    ...checkoutCore,
    targetSubscriptionId: id(),
    autoRedirect: z.boolean().optional(),
  }),
)

const subscriptionIdInput = { subscriptionId: id().optional() }

/** `subscriptions.list`. */
export const listSubscriptionsInput = jsonInput(
  z.strictObject({ includeHistorical: z.boolean().optional() }).optional(),
)

/** `subscriptions.cancel`: `id` omitted = the single current subscription. */
export const cancelSubscriptionInput = jsonInput(
  z.object({
    id: id().optional(),
    cancellation: z.discriminatedUnion('timing', [
      z.object({ timing: z.literal('at_end_of_current_billing_period') }),
      z.object({ timing: z.literal('immediately') }),
    ]),
  }),
)

/** `subscriptions.uncancel`. */
export const uncancelSubscriptionInput = jsonInput(z.object({ id: id().optional() }))

/** Flowglad's adjustment timings; `auto` upgrades now and downgrades at period end. */
export const subscriptionAdjustmentTiming = z.enum([
  'immediately',
  'at_end_of_current_billing_period',
  'auto',
])

const terseSubscriptionItem = z
  .object({
    priceId: id().optional(),
    priceSlug: id().optional(),
    quantity: z.number().int().positive().optional(),
  })
  .superRefine(exactlyOne(['priceId', 'priceSlug'], 'Provide exactly one of priceId or priceSlug'))

/** `subscriptions.adjust`: one of `priceSlug`, `priceId` (with `quantity`) or `subscriptionItems`. */
export const adjustSubscriptionInput = jsonInput(
  z
    .object({
      ...subscriptionIdInput,
      timing: subscriptionAdjustmentTiming.optional(),
      prorate: z.boolean().optional(),
      priceSlug: id().optional(),
      priceId: id().optional(),
      quantity: z.number().int().positive().optional(),
      subscriptionItems: z.array(terseSubscriptionItem).min(1).max(fieldLimits.subscriptionItems).optional(),
    })
    .superRefine(
      exactlyOne(
        ['priceSlug', 'priceId', 'subscriptionItems'],
        'Provide exactly one of priceSlug, priceId or subscriptionItems',
      ),
    )
    .superRefine((value, ctx) => {
      if (value.subscriptionItems && value.quantity !== undefined)
        ctx.addIssue({
          code: 'custom',
          message: 'quantity goes inside subscriptionItems',
          path: ['quantity'],
        })
    }),
)

/** What a usage event is recorded against (exactly one identifier) and its optional details. */
const usageEventTarget = {
  priceId: id().optional(),
  priceSlug: id().optional(),
  usageMeterId: id().optional(),
  usageMeterSlug: id().optional(),
  // Any JSON (bounded by `inputLimits`): Flowglad stores it for count_distinct_properties meters.
  properties: z
    .record(z.string().max(fieldLimits.idLength), z.unknown())
    .refine(
      (value) => Object.keys(value).length <= fieldLimits.propertiesKeys,
      `At most ${fieldLimits.propertiesKeys} properties`,
    )
    .optional(),
  usageDate: epochMs().optional(),
}
const exactlyOneUsageTarget = exactlyOne(
  ['priceId', 'priceSlug', 'usageMeterId', 'usageMeterSlug'],
  'Provide exactly one of priceId, priceSlug, usageMeterId or usageMeterSlug',
)
const transactionId = id().min(1)

/** `usageEvents.create`: amount defaults to 1, subscription to the current one, transactionId to a fresh id. */
export const createUsageEventInput = jsonInput(
  z
    .object({
      ...usageEventTarget,
      ...subscriptionIdInput,
      amount: z.number().int().positive().optional(),
      transactionId: transactionId.optional(),
    })
    .superRefine(exactlyOneUsageTarget),
)

/** `usageMeters.balances` / `features.access`. */
export const subscriptionScopedInput = jsonInput(z.strictObject(subscriptionIdInput).optional())

/** `invoices.list` / `purchases.list`: cursor pagination over the billing payload. */
export const paginationInput = jsonInput(
  z
    .strictObject({
      limit: z.number().int().positive().max(fieldLimits.pageSize).optional(),
      startingAfter: id().optional(),
    })
    .optional(),
)

/** Procedures that take no input accept nothing else. */
export const emptyInput = jsonInput(z.strictObject({}).optional())

const email = () => z.email().max(fieldLimits.emailLength)
const phone = () => z.string().max(fieldLimits.phoneLength)

const billingAddress = z.object({
  name: name().optional(),
  firstName: name().optional(),
  lastName: name().optional(),
  email: email().optional(),
  phone: phone().optional(),
  address: z.object({
    name: name().optional(),
    line1: name().nullable(),
    line2: name().nullable(),
    city: name().nullable(),
    state: name().nullable(),
    postal_code: name().nullable(),
    country: name(),
  }),
})

/** `customer.update`: the fields a customer may change on itself. */
export const updateCustomerInput = jsonInput(
  z.object({
    name: name().min(1).optional(),
    email: email().optional(),
    phone: phone().optional(),
    billingAddress: billingAddress.optional(),
  }),
)

const resourceSelector = {
  ...subscriptionIdInput,
  resourceSlug: id().min(1),
}

/** `resources.list`. */
export const listResourcesInput = jsonInput(z.strictObject(subscriptionIdInput).optional())

/** `resources.get`: one resource's usage and claims, by slug or id. */
export const getResourceInput = jsonInput(
  z
    .object({ ...subscriptionIdInput, resourceSlug: id().optional(), resourceId: id().optional() })
    .superRefine(
      exactlyOne(['resourceSlug', 'resourceId'], 'Provide exactly one of resourceSlug or resourceId'),
    ),
)

/** `resources.claims`. */
export const listResourceClaimsInput = jsonInput(
  z.strictObject({ ...subscriptionIdInput, resourceSlug: id().optional() }).optional(),
)

/** `resources.claim`: exactly one of quantity, externalId or externalIds. */
export const claimResourceInput = jsonInput(
  z
    .object({
      ...resourceSelector,
      metadata: metadata.optional(),
      quantity: z.number().int().positive().optional(),
      externalId: id().optional(),
      externalIds: z.array(id()).nonempty().optional(),
    })
    .superRefine(
      exactlyOne(
        ['quantity', 'externalId', 'externalIds'],
        'Exactly one of quantity, externalId, or externalIds must be provided',
      ),
    ),
)

/** `resources.release`: exactly one of quantity, externalId, externalIds or claimIds. */
export const releaseResourceInput = jsonInput(
  z
    .object({
      ...resourceSelector,
      quantity: z.number().int().positive().optional(),
      externalId: id().optional(),
      externalIds: z.array(id()).nonempty().optional(),
      claimIds: z.array(id()).nonempty().optional(),
    })
    .superRefine(
      exactlyOne(
        ['quantity', 'externalId', 'externalIds', 'claimIds'],
        'Exactly one of quantity, externalId, externalIds, or claimIds must be provided',
      ),
    ),
)

/**
 * `subscriptions.create` (server-only): Flowglad's `createSubscriptionSchema` without `customerId`,
 * which comes from `forCustomer(...)`. Flowglad's SDK skips this parse; here bad input fails before any call.
 */
export const createSubscriptionInput = jsonInput(
  z
    .strictObject({
      priceId: id().min(1).optional(),
      priceSlug: id().min(1).optional(),
      quantity: z.number().int().positive().optional(),
      // ISO 8601 has 4-digit years; a year before 1970 is refused like the epoch dates.
      startDate: z.iso
        .datetime()
        .refine((value) => Date.parse(value) >= 0, 'Must be on or after 1970-01-01')
        .optional(),
      trialEnd: epochMs().positive().optional(),
      metadata: metadata.optional(),
      name: name().optional(),
      backupPaymentMethodId: id().optional(),
      defaultPaymentMethodId: id().optional(),
      interval: z.enum(['day', 'week', 'month', 'year']).optional(),
      intervalCount: z.number().int().positive().optional(),
      doNotCharge: z.boolean().optional(),
    })
    .superRefine(exactlyOne(['priceId', 'priceSlug'], 'Provide exactly one of priceId or priceSlug')),
)

/** One event of `usageEvents.bulkCreate`: Flowglad's strict `createUsageEventSchema` (no defaults). */
const bulkUsageEvent = z
  .object({
    ...usageEventTarget,
    amount: z.number().int().nonnegative(),
    subscriptionId: id().min(1),
    transactionId,
  })
  .superRefine(exactlyOneUsageTarget)

/** `usageEvents.bulkCreate` (server-only): Flowglad's `bulkCreateUsageEventsSchema`, at least one event. */
export const bulkCreateUsageEventsInput = jsonInput(z.object({ usageEvents: z.array(bulkUsageEvent).min(1) }))
