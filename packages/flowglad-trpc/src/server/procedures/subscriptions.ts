import type { Flowglad } from '@flowglad/node'
import { TRPCError } from '@trpc/server'
import type { z } from 'zod/v4'
import { selectSubscriptions } from '../../core/billingSelectors'
import {
  adjustSubscriptionInput,
  cancelSubscriptionInput,
  createSubscriptionInput,
  listSubscriptionsInput,
  uncancelSubscriptionInput,
} from '../../core/inputs'
import { defineOperation } from '../operation'
import { targetSubscription } from '../ownership'
import type {
  AdjustSubscriptionResult,
  CancelSubscriptionResult,
  CreateSubscriptionResult,
  SubscriptionDetails,
} from '../types'

/** `subscriptions.list`, shaped like Flowglad's `GetSubscriptionsResponse`. */
export interface SubscriptionsList {
  subscriptions: SubscriptionDetails[]
  currentSubscriptions: SubscriptionDetails[]
  currentSubscription: SubscriptionDetails | null
}

/** `subscriptions.uncancel`: the upstream result, or the unchanged subscription when nothing was scheduled. */
export type UncancelSubscriptionResult = UncanceledSubscription | { subscription: SubscriptionDetails }

/** `subscriptions.uncancel` when a scheduled cancellation was undone upstream. */
export interface UncanceledSubscription extends Flowglad.SubscriptionUncancelResponse {}

type AdjustInput = z.output<typeof adjustSubscriptionInput>
type Adjustment = Flowglad.SubscriptionAdjustParams['adjustment']

/** Flowglad SDK's adjust body (sdk-reference §5.3): timing `auto`, quantity 1, prorate unless at period end. */
function toAdjustment(input: AdjustInput): Adjustment {
  const items = input.subscriptionItems ?? [
    { priceId: input.priceId, priceSlug: input.priceSlug, quantity: input.quantity },
  ]
  const newSubscriptionItems = items.map((item) => ({
    ...(item.priceId !== undefined ? { priceId: item.priceId } : { priceSlug: item.priceSlug }),
    quantity: item.quantity ?? 1,
  }))
  const timing = input.timing ?? 'auto'
  if (timing === 'at_end_of_current_billing_period') return { timing, newSubscriptionItems }
  return { timing, newSubscriptionItems, prorateCurrentBillingPeriod: input.prorate ?? true }
}

/**
 * Subscription operations. Ownership and the default subscription come from the (memoised) billing
 * payload, so each write costs at most billing + the write itself.
 */
export const subscriptionOperations = {
  list: defineOperation('customer')(
    listSubscriptionsInput,
    async ({ scope }, input): Promise<SubscriptionsList> => selectSubscriptions(await scope.billing(), input),
  ),
  cancel: defineOperation('customer')(
    cancelSubscriptionInput,
    async ({ scope }, input): Promise<CancelSubscriptionResult> => {
      const subscription = targetSubscription(await scope.billing(), input.id)
      if (subscription.status === 'canceled')
        throw new TRPCError({ code: 'CONFLICT', message: 'Subscription is already canceled' })
      const client = await scope.client()
      return client.subscriptions.cancel(subscription.id, { cancellation: input.cancellation })
    },
  ),
  uncancel: defineOperation('customer')(
    uncancelSubscriptionInput,
    async ({ scope }, input): Promise<UncancelSubscriptionResult> => {
      const subscription = targetSubscription(await scope.billing(), input.id)
      // Idempotent like Flowglad's SDK: nothing scheduled means nothing to undo.
      if (subscription.status !== 'cancellation_scheduled') return { subscription }
      const client = await scope.client()
      return client.subscriptions.uncancel(subscription.id)
    },
  ),
  adjust: defineOperation('customer')(
    adjustSubscriptionInput,
    async ({ scope }, input): Promise<AdjustSubscriptionResult> => {
      const subscription = targetSubscription(await scope.billing(), input.subscriptionId)
      const client = await scope.client()
      return client.subscriptions.adjust(subscription.id, { adjustment: toAdjustment(input) })
    },
  ),
  create: defineOperation('server')(
    createSubscriptionInput,
    async ({ scope }, input): Promise<CreateSubscriptionResult> =>
      // Addressed by external id, so an existing customer costs this one call (Flowglad's SDK: GET
      // customer first, then the write by internal id); a missing one is created, then retried.
      scope.withCustomer((client) =>
        client.subscriptions.create({
          ...input,
          quantity: input.quantity ?? 1,
          customerExternalId: scope.customer.externalId,
        }),
      ),
  ),
}
