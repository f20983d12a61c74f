import { TRPCError } from '@trpc/server'
import type { CustomerBilling, SubscriptionDetails } from '../types'

/**
 * The subscription `id` if the customer owns it. Ownership is read from the customer's own billing
 * payload (already fetched or memoised), so the check costs no extra upstream call, unlike
 * Flowglad's SDK (GET subscription + GET customer).
 */
export function ownedSubscription(billing: CustomerBilling, id: string): SubscriptionDetails {
  const subscription = billing.subscriptions.find((candidate) => candidate.id === id)
  if (!subscription)
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Subscription ${id} does not belong to the current customer`,
    })
  return subscription
}

/** `id`'s subscription if owned, else the customer's single current subscription (none or several is an error). */
export function targetSubscription(billing: CustomerBilling, id: string | undefined): SubscriptionDetails {
  if (id !== undefined) return ownedSubscription(billing, id)
  const current = billing.currentSubscriptions ?? []
  const [only, ...others] = current
  if (!only)
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'No active subscription found for this customer',
    })
  if (others.length > 0)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'Customer has multiple active subscriptions. Please specify subscriptionId.',
    })
  return only
}
