import type { SubscriptionStatus } from '../records'

/** Which statuses count as "current" (Flowglad's `isSubscriptionCurrent`). */
export const isCurrentStatus: Record<SubscriptionStatus, boolean> = {
  trialing: true,
  active: true,
  past_due: true,
  unpaid: true,
  cancellation_scheduled: true,
  incomplete: false,
  incomplete_expired: false,
  canceled: false,
  paused: false,
}
