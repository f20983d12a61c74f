import { randomUUID } from 'node:crypto'
import type { Flowglad } from '@flowglad/node'
import { TRPCError } from '@trpc/server'
import { flowgladActions } from '../../core/actions'
import { selectUsageMeters } from '../../core/billingSelectors'
import { bulkCreateUsageEventsInput, createUsageEventInput, subscriptionScopedInput } from '../../core/inputs'
import { defineHandler } from '../engine/defineHandler'
import type { BulkCreateUsageEventsResult, CreateUsageEventResult, CustomerBilling } from '../types'

// Standard and non-renewing subscriptions carry the same balance record.
type BalanceRecord = Flowglad.StandardSubscriptionDetails.Experimental.UsageMeterBalance

/** One usage meter balance of a current subscription. */
export interface UsageMeterBalance extends BalanceRecord {}

/** `usageMeters.balances`, shaped like Flowglad's `GetUsageMeterBalancesResponse`. */
export interface UsageMeterBalances {
  usageMeterBalances: UsageMeterBalance[]
}

/** Usage may only be recorded against one of the customer's current subscriptions (Flowglad's 403 `forbidden`). */
function assertCurrentSubscription(billing: CustomerBilling, subscriptionId: string): void {
  if (!billing.currentSubscriptions?.some((s) => s.id === subscriptionId))
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Subscription ${subscriptionId} is not found among the customer's current subscriptions`,
    })
}

/**
 * An unknown usage meter is a 500 panic in Flowglad ("Unwrap called on Err: NotFoundError: UsageMeter
 * not found", src/utils/usage/, commit 49b3368f): it is the caller's mistake, so it is refused here,
 * from the customer's pricing model in the billing payload already fetched, with no upstream write.
 */
function assertKnownMeter(
  billing: CustomerBilling,
  input: { usageMeterSlug?: string; usageMeterId?: string },
) {
  const meters = billing.pricingModel.usageMeters ?? []
  const { usageMeterSlug: slug, usageMeterId: id } = input
  if (slug !== undefined && !meters.some((meter) => meter.slug === slug))
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `No usage meter "${slug}" in the customer's pricing model`,
    })
  if (id !== undefined && !meters.some((meter) => meter.id === id))
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `No usage meter with id "${id}" in the customer's pricing model`,
    })
}

/** Usage event handlers. */
export const usageEventHandlers = {
  create: defineHandler(flowgladActions.usageEvents.create)(
    createUsageEventInput,
    async ({ scope }, input): Promise<CreateUsageEventResult> => {
      const billing = await scope.billing()
      // Flowglad's SDK defaults to the upstream `currentSubscription` (the most recent current one).
      const subscriptionId = input.subscriptionId ?? billing.currentSubscription?.id
      if (subscriptionId === undefined)
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'subscriptionId required: no current subscription found',
        })
      assertCurrentSubscription(billing, subscriptionId)
      assertKnownMeter(billing, input)
      const client = await scope.client()
      // The transactionId makes @flowglad/node's automatic retries (and client retries that pass one) safe:
      // Flowglad records one event per transactionId.
      return client.usageEvents.create({
        usageEvent: {
          ...input,
          subscriptionId,
          amount: input.amount ?? 1,
          transactionId: input.transactionId ?? randomUUID(),
        },
      })
    },
  ),
  bulkCreate: defineHandler(flowgladActions.usageEvents.bulkCreate)(
    bulkCreateUsageEventsInput,
    async ({ scope }, input): Promise<BulkCreateUsageEventsResult> => {
      const billing = await scope.billing()
      // Every distinct subscription is checked before the write: one foreign id records nothing.
      for (const subscriptionId of new Set(input.usageEvents.map((event) => event.subscriptionId)))
        assertCurrentSubscription(billing, subscriptionId)
      for (const event of input.usageEvents) assertKnownMeter(billing, event)
      const client = await scope.client()
      // @flowglad/node 0.29 has no method for this endpoint; Flowglad's SDK calls it raw as well.
      // Every event carries its transactionId, so the client's retries cannot record one twice.
      return client.post('/api/v1/usage-events/bulk', { body: { usageEvents: input.usageEvents } })
    },
  ),
}

/** Usage meter handlers: balances come from the billing payload, so they share its one upstream fetch. */
export const usageMeterHandlers = {
  balances: defineHandler(flowgladActions.usageMeters.balances)(
    subscriptionScopedInput,
    async ({ scope }, input): Promise<UsageMeterBalances> => {
      return { usageMeterBalances: selectUsageMeters(await scope.billing(), input) }
    },
  ),
}
