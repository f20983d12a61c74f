import type { Flowglad } from '@flowglad/node'
import { TRPCError } from '@trpc/server'
import type { z } from 'zod/v4'
import { flowgladActions } from '../../core/actions'
import { selectSubscriptions } from '../../core/billingSelectors'
import {
  adjustSubscriptionInput,
  cancelSubscriptionInput,
  createSubscriptionInput,
  listSubscriptionsInput,
  uncancelSubscriptionInput,
} from '../../core/inputs'
import { targetSubscription } from '../customer/ownership'
import { defineHandler } from '../engine/defineHandler'
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
 * Flowglad refuses to cancel or adjust the default free plan (a ValidationError, 400 BAD_REQUEST):
 * platform/flowglad-next/src/subscriptions/cancelSubscription.ts (cancelSubscriptionProcedureTransaction)
 * and adjustSubscription.ts (`isFreePlan` => canAdjust false), commit 49b3368f. Refused here with the
 * same words, before any upstream call; an upgrade from it is a checkout (or `subscriptions.create`).
 */
const freePlanRefusals = {
  cancel: 'Cannot cancel the default free plan. Please upgrade to a paid plan instead.',
  adjust:
    'Cannot adjust the free plan: upgrade through checkout (checkout.create with the paid price) instead.',
} as const

function refuseFreePlan(subscription: SubscriptionDetails, action: keyof typeof freePlanRefusals): void {
  if (subscription.isFreePlan) throw new TRPCError({ code: 'BAD_REQUEST', message: freePlanRefusals[action] })
}

/**
 * Subscription handlers. Ownership and the default subscription come from the (memoised) billing
 * payload, so each write costs at most billing + the write itself.
 */
export const subscriptionHandlers = {
  list: defineHandler(flowgladActions.subscriptions.list)(
    listSubscriptionsInput,
    async ({ scope }, input): Promise<SubscriptionsList> => selectSubscriptions(await scope.billing(), input),
  ),
  cancel: defineHandler(flowgladActions.subscriptions.cancel)(
    cancelSubscriptionInput,
    async ({ scope }, input): Promise<CancelSubscriptionResult> => {
      const subscription = targetSubscription(await scope.billing(), input.id)
      if (subscription.status === 'canceled')
        throw new TRPCError({ code: 'CONFLICT', message: 'Subscription is already canceled' })
      refuseFreePlan(subscription, 'cancel')
      const client = await scope.client()
      return client.subscriptions.cancel(subscription.id, { cancellation: input.cancellation })
    },
  ),
  uncancel: defineHandler(flowgladActions.subscriptions.uncancel)(
    uncancelSubscriptionInput,
    async ({ scope }, input): Promise<UncancelSubscriptionResult> => {
      const subscription = targetSubscription(await scope.billing(), input.id)
      // Idempotent like Flowglad's SDK: nothing scheduled means nothing to undo.
      if (subscription.status !== 'cancellation_scheduled') return { subscription }
      const client = await scope.client()
      return client.subscriptions.uncancel(subscription.id)
    },
  ),
  adjust: defineHandler(flowgladActions.subscriptions.adjust)(
    adjustSubscriptionInput,
    async ({ scope }, input): Promise<AdjustSubscriptionResult> => {
      const subscription = targetSubscription(await scope.billing(), input.subscriptionId)
      refuseFreePlan(subscription, 'adjust')
      const client = await scope.client()
      return client.subscriptions.adjust(subscription.id, { adjustment: toAdjustment(input) })
    },
  ),
  create: defineHandler(flowgladActions.subscriptions.create)(
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
