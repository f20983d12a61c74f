import { z } from 'zod/v4'

// Input validators for every Flowglad procedure. They follow Flowglad's own validators
// (`@flowglad/shared` actions.ts, sdk-reference §1.2) with one deliberate difference: the
// customer (external id) is never an input, it always comes from the tRPC context.
// Kept apart from `actions.ts` so the React entry never bundles zod schemas.

/** Exactly one of the listed keys: Flowglad's "xor" (the others are forbidden). */
function exactlyOne<const K extends string>(keys: readonly K[], message: string) {
  return (value: Partial<Record<K, unknown>>, ctx: z.RefinementCtx) => {
    const present = keys.filter((key) => value[key] !== undefined)
    if (present.length !== 1) ctx.addIssue({ code: 'custom', message, path: present.length ? present : [] })
  }
}

const checkoutCore = {
  successUrl: z.url(),
  cancelUrl: z.url(),
  // Flowglad stores metadata values as string | number | boolean; reject others here, not upstream.
  outputMetadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  outputName: z.string().optional(),
}

/** `checkout.create`: a product checkout for one price (by id or slug). */
export const createCheckoutSessionInput = z
  .object({
    ...checkoutCore,
    priceId: z.string().min(1).optional(),
    priceSlug: z.string().min(1).optional(),
    quantity: z.number().int().positive().optional(),
    /** Client-only: navigate to the checkout URL once created (ignored by the server). */
    autoRedirect: z.boolean().optional(),
  })
  .superRefine(exactlyOne(['priceId', 'priceSlug'], 'Provide exactly one of priceId or priceSlug'))

/** `checkout.createAddPaymentMethod`. */
export const createAddPaymentMethodCheckoutSessionInput = z.object({
  ...checkoutCore,
  targetSubscriptionId: z.string().optional(),
  autoRedirect: z.boolean().optional(),
})

/** `checkout.createActivateSubscription`. */
export const createActivateSubscriptionCheckoutSessionInput = z.object({
  ...checkoutCore,
  targetSubscriptionId: z.string(),
  autoRedirect: z.boolean().optional(),
})

const subscriptionIdInput = { subscriptionId: z.string().optional() }

/** `subscriptions.list`. */
export const listSubscriptionsInput = z.strictObject({ includeHistorical: z.boolean().optional() }).optional()

/** `subscriptions.cancel`: `id` omitted = the single current subscription. */
export const cancelSubscriptionInput = z.object({
  id: z.string().optional(),
  cancellation: z.discriminatedUnion('timing', [
    z.object({ timing: z.literal('at_end_of_current_billing_period') }),
    z.object({ timing: z.literal('immediately') }),
  ]),
})

/** `subscriptions.uncancel`. */
export const uncancelSubscriptionInput = z.object({ id: z.string().optional() })

/** Flowglad's adjustment timings; `auto` upgrades now and downgrades at period end. */
export const subscriptionAdjustmentTiming = z.enum([
  'immediately',
  'at_end_of_current_billing_period',
  'auto',
])

const terseSubscriptionItem = z
  .object({
    priceId: z.string().optional(),
    priceSlug: z.string().optional(),
    quantity: z.number().int().positive().optional(),
  })
  .superRefine(exactlyOne(['priceId', 'priceSlug'], 'Provide exactly one of priceId or priceSlug'))

/** `subscriptions.adjust`: one of `priceSlug`, `priceId` (with `quantity`) or `subscriptionItems`. */
export const adjustSubscriptionInput = z
  .object({
    ...subscriptionIdInput,
    timing: subscriptionAdjustmentTiming.optional(),
    prorate: z.boolean().optional(),
    priceSlug: z.string().optional(),
    priceId: z.string().optional(),
    quantity: z.number().int().positive().optional(),
    subscriptionItems: z.array(terseSubscriptionItem).min(1).optional(),
  })
  .superRefine(
    exactlyOne(
      ['priceSlug', 'priceId', 'subscriptionItems'],
      'Provide exactly one of priceSlug, priceId or subscriptionItems',
    ),
  )
  .superRefine((value, ctx) => {
    if (value.subscriptionItems && value.quantity !== undefined)
      ctx.addIssue({ code: 'custom', message: 'quantity goes inside subscriptionItems', path: ['quantity'] })
  })

/** What a usage event is recorded against (exactly one identifier) and its optional details. */
const usageEventTarget = {
  priceId: z.string().optional(),
  priceSlug: z.string().optional(),
  usageMeterId: z.string().optional(),
  usageMeterSlug: z.string().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
  usageDate: z.number().optional(),
}
const exactlyOneUsageTarget = exactlyOne(
  ['priceId', 'priceSlug', 'usageMeterId', 'usageMeterSlug'],
  'Provide exactly one of priceId, priceSlug, usageMeterId or usageMeterSlug',
)
const transactionId = z.string().min(1).max(255)

/** `usageEvents.create`: amount defaults to 1, subscription to the current one, transactionId to a fresh id. */
export const createUsageEventInput = z
  .object({
    ...usageEventTarget,
    ...subscriptionIdInput,
    amount: z.number().int().positive().optional(),
    transactionId: transactionId.optional(),
  })
  .superRefine(exactlyOneUsageTarget)

/** `usageMeters.balances` / `features.access`. */
export const subscriptionScopedInput = z.strictObject(subscriptionIdInput).optional()

/** `invoices.list` / `purchases.list`: cursor pagination over the billing payload. */
export const paginationInput = z
  .strictObject({ limit: z.number().int().positive().optional(), startingAfter: z.string().optional() })
  .optional()

/** Procedures that take no input accept nothing else. */
export const emptyInput = z.strictObject({}).optional()

const billingAddress = z.object({
  name: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.email().optional(),
  phone: z.string().optional(),
  address: z.object({
    name: z.string().optional(),
    line1: z.string().nullable(),
    line2: z.string().nullable(),
    city: z.string().nullable(),
    state: z.string().nullable(),
    postal_code: z.string().nullable(),
    country: z.string(),
  }),
})

/** `customer.update`: the fields a customer may change on itself. */
export const updateCustomerInput = z.object({
  name: z.string().min(1).optional(),
  email: z.email().optional(),
  phone: z.string().optional(),
  billingAddress: billingAddress.optional(),
})

const resourceSelector = {
  ...subscriptionIdInput,
  resourceSlug: z.string().min(1),
}

/** `resources.list`. */
export const listResourcesInput = z.strictObject(subscriptionIdInput).optional()

/** `resources.get`: one resource's usage and claims, by slug or id. */
export const getResourceInput = z
  .object({ ...subscriptionIdInput, resourceSlug: z.string().optional(), resourceId: z.string().optional() })
  .superRefine(
    exactlyOne(['resourceSlug', 'resourceId'], 'Provide exactly one of resourceSlug or resourceId'),
  )

/** `resources.claims`. */
export const listResourceClaimsInput = z
  .strictObject({ ...subscriptionIdInput, resourceSlug: z.string().optional() })
  .optional()

const claimMetadata = z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()]))

/** `resources.claim`: exactly one of quantity, externalId or externalIds. */
export const claimResourceInput = z
  .object({
    ...resourceSelector,
    metadata: claimMetadata.optional(),
    quantity: z.number().int().positive().optional(),
    externalId: z.string().max(255).optional(),
    externalIds: z.array(z.string().max(255)).nonempty().optional(),
  })
  .superRefine(
    exactlyOne(
      ['quantity', 'externalId', 'externalIds'],
      'Exactly one of quantity, externalId, or externalIds must be provided',
    ),
  )

/** `resources.release`: exactly one of quantity, externalId, externalIds or claimIds. */
export const releaseResourceInput = z
  .object({
    ...resourceSelector,
    quantity: z.number().int().positive().optional(),
    externalId: z.string().max(255).optional(),
    externalIds: z.array(z.string().max(255)).nonempty().optional(),
    claimIds: z.array(z.string()).nonempty().optional(),
  })
  .superRefine(
    exactlyOne(
      ['quantity', 'externalId', 'externalIds', 'claimIds'],
      'Exactly one of quantity, externalId, externalIds, or claimIds must be provided',
    ),
  )

/**
 * `subscriptions.create` (server-only): Flowglad's `createSubscriptionSchema` without `customerId`,
 * which comes from `forCustomer(...)`. Flowglad's SDK skips this parse; here bad input fails before any call.
 */
export const createSubscriptionInput = z
  .strictObject({
    priceId: z.string().min(1).optional(),
    priceSlug: z.string().min(1).optional(),
    quantity: z.number().int().positive().optional(),
    startDate: z.iso.datetime().optional(),
    trialEnd: z.number().int().positive().optional(),
    metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    name: z.string().optional(),
    backupPaymentMethodId: z.string().optional(),
    defaultPaymentMethodId: z.string().optional(),
    interval: z.enum(['day', 'week', 'month', 'year']).optional(),
    intervalCount: z.number().int().positive().optional(),
    doNotCharge: z.boolean().optional(),
  })
  .superRefine(exactlyOne(['priceId', 'priceSlug'], 'Provide exactly one of priceId or priceSlug'))

/** One event of `usageEvents.bulkCreate`: Flowglad's strict `createUsageEventSchema` (no defaults). */
const bulkUsageEvent = z
  .object({
    ...usageEventTarget,
    amount: z.number().int().nonnegative(),
    subscriptionId: z.string().min(1),
    transactionId,
  })
  .superRefine(exactlyOneUsageTarget)

/** `usageEvents.bulkCreate` (server-only): Flowglad's `bulkCreateUsageEventsSchema`, at least one event. */
export const bulkCreateUsageEventsInput = z.object({ usageEvents: z.array(bulkUsageEvent).min(1) })
