import type { Flowglad as FlowgladNodeClient } from '@flowglad/node'

// The billing payload, its subscription element and the pricing model are defined once, in core
// (the hooks share them).
export type { CustomerBilling, PricingModel, SubscriptionDetails } from '../core/billingTypes'
export type { FlowgladNodeClient }

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
export interface CancelSubscriptionResult extends FlowgladNodeClient.SubscriptionCancelResponse {}

/** `subscriptions.adjust`. */
export interface AdjustSubscriptionResult extends FlowgladNodeClient.SubscriptionAdjustResponse {}

/** `usageEvents.create`. */
export interface CreateUsageEventResult extends FlowgladNodeClient.UsageEventCreateResponse {}

/** `usageEvents.bulkCreate` (server-only): the recorded events, in input order. */
export interface BulkCreateUsageEventsResult {
  usageEvents: CreateUsageEventResult['usageEvent'][]
}

/** `subscriptions.create` (server-only). */
export interface CreateSubscriptionResult extends FlowgladNodeClient.SubscriptionCreateResponse {}

/** `resources.get`: one resource's usage and its claims. */
export interface ResourceUsageDetails extends FlowgladNodeClient.ResourceClaimRetrieveUsageResponse {}

/** `resources.claim`. */
export interface ClaimResourceResult extends FlowgladNodeClient.ResourceClaimClaimResponse {}

/** `resources.release`. */
export interface ReleaseResourceResult extends FlowgladNodeClient.ResourceClaimReleaseResponse {}

/** A Flowglad customer record. */
export type CustomerRecord = FlowgladNodeClient.CustomerClientSelectSchema

/** Where log lines go (defaults to `console`). */
export interface FlowgladLogger {
  /** Informational messages (e.g. "using the emulator"). */
  info(message: string): void
}
