import type { Flowglad as FlowgladClient } from '@flowglad/node'

// The billing payload, its subscription element and the pricing model are defined once, in core
// (the hooks share them).
export type { CustomerBilling, PricingModel, SubscriptionDetails } from '../core/billingTypes'
export type { FlowgladClient }

/** Who the Flowglad customer is: your user's (or organization's) id, email and name. */
export interface FlowgladCustomer {
  /** Your app's id for the customer (user id or organization id). */
  readonly externalId: string
  /** Used when the customer is created upstream. */
  readonly email: string
  /** Used when the customer is created upstream. */
  readonly name?: string | null | undefined
}

// Response types are re-declared as interfaces (not aliases) so the published declarations name
// them here instead of importing @flowglad/node's internal module paths.

/** `subscriptions.cancel`. */
export interface CancelSubscriptionResult extends FlowgladClient.SubscriptionCancelResponse {}

/** `subscriptions.adjust`. */
export interface AdjustSubscriptionResult extends FlowgladClient.SubscriptionAdjustResponse {}

/** `usageEvents.create`. */
export interface CreateUsageEventResult extends FlowgladClient.UsageEventCreateResponse {}

/** `usageEvents.bulkCreate` (server-only): the recorded events, in input order. */
export interface BulkCreateUsageEventsResult {
  usageEvents: CreateUsageEventResult['usageEvent'][]
}

/** `subscriptions.create` (server-only). */
export interface CreateSubscriptionResult extends FlowgladClient.SubscriptionCreateResponse {}

/** `resources.get`: one resource's usage and its claims. */
export interface ResourceUsageDetails extends FlowgladClient.ResourceClaimRetrieveUsageResponse {}

/** `resources.claim`. */
export interface ClaimResourceResult extends FlowgladClient.ResourceClaimClaimResponse {}

/** `resources.release`. */
export interface ReleaseResourceResult extends FlowgladClient.ResourceClaimReleaseResponse {}

/** A Flowglad customer record. */
export type CustomerRecord = FlowgladClient.CustomerClientSelectSchema

/** Where log lines go (defaults to `console`). */
export interface FlowgladLogger {
  /** Informational messages (e.g. "using the emulator"). */
  info(message: string): void
}
