import { randomUUID } from 'node:crypto'
import type { Flowglad } from '@flowglad/node'
import { TRPCError } from '@trpc/server'
import { selectUsageMeters } from '../../core/billingSelectors'
import { createUsageEventInput, subscriptionScopedInput } from '../../core/inputs'
import { defineOperation } from '../operation'
import type { CreateUsageEventResult } from '../types'

// Standard and non-renewing subscriptions carry the same balance record.
type BalanceRecord = Flowglad.StandardSubscriptionDetails.Experimental.UsageMeterBalance

/** One usage meter balance of a current subscription. */
export interface UsageMeterBalance extends BalanceRecord {}

/** `usageMeters.balances`, shaped like Flowglad's `GetUsageMeterBalancesResponse`. */
export interface UsageMeterBalances {
  usageMeterBalances: UsageMeterBalance[]
}

/** Usage event operations. */
export const usageEventOperations = {
  create: defineOperation('customer')(
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
      if (!billing.currentSubscriptions?.some((s) => s.id === subscriptionId))
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `Subscription ${subscriptionId} is not found among the customer's current subscriptions`,
        })
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
}

/** Usage meter operations: balances come from the billing payload, so they share its one upstream fetch. */
export const usageMeterOperations = {
  balances: defineOperation('customer')(
    subscriptionScopedInput,
    async ({ scope }, input): Promise<UsageMeterBalances> => {
      return { usageMeterBalances: selectUsageMeters(await scope.billing(), input) }
    },
  ),
}
