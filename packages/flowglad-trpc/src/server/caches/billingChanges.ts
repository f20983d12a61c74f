/**
 * Changes to customers' billing that every billing cache of this process honours, with or without a
 * store. One Next.js server runs its route handlers and its server components as separate bundles,
 * each with its own `createFlowglad()` (and its own copy of this module): a write or a checkout made
 * through one, or a webhook one receives, must stop the others reusing an answer read before it.
 * Times are `monotonicNow()`: one clock for the whole process.
 */
export interface BillingChanges {
  /** The customer's billing changed at `at` (a write, a webhook): answers read before it are stale. */
  changed(externalId: string, at: number): void
  /** The customer's billing may change upstream until `until` (a checkout session may complete). */
  unsettledUntil(externalId: string, until: number): void
  /**
   * Whether an answer whose read started at `readAt` may be reused: read after the last change,
   * and after the customer's unsettled time ended (a checkout may have completed during a read before).
   */
  reusable(externalId: string, readAt: number): boolean
}

/** What is known of one customer's changes. */
interface CustomerChanges {
  changedAt: number
  unsettledUntil: number
}

/**
 * A board of `capacity` customers (the most recently changed). A customer dropped from it reads as
 * changed at the latest change dropped so far, and unsettled as long as any dropped one was: an
 * evicted customer costs a fresh read, never a stale answer.
 */
export function createBillingChanges(capacity = 10_000): BillingChanges {
  const byCustomer = new Map<string, CustomerChanges>()
  const dropped: CustomerChanges = { changedAt: Number.NEGATIVE_INFINITY, unsettledUntil: 0 }
  /** The customer's entry, made the newest (Map order = change order: the first is the oldest). */
  const touch = (externalId: string): CustomerChanges => {
    const known = byCustomer.get(externalId)
    const entry = known ?? { changedAt: dropped.changedAt, unsettledUntil: dropped.unsettledUntil }
    byCustomer.delete(externalId)
    byCustomer.set(externalId, entry)
    if (byCustomer.size > capacity) {
      const [oldestId, oldest] = byCustomer.entries().next().value as [string, CustomerChanges]
      byCustomer.delete(oldestId)
      dropped.changedAt = Math.max(dropped.changedAt, oldest.changedAt)
      dropped.unsettledUntil = Math.max(dropped.unsettledUntil, oldest.unsettledUntil)
    }
    return entry
  }
  return {
    changed(externalId, at) {
      const entry = touch(externalId)
      entry.changedAt = Math.max(entry.changedAt, at)
    },
    unsettledUntil(externalId, until) {
      const entry = touch(externalId)
      entry.unsettledUntil = Math.max(entry.unsettledUntil, until)
    },
    reusable(externalId, readAt) {
      const entry = byCustomer.get(externalId) ?? dropped
      return readAt > entry.changedAt && readAt >= entry.unsettledUntil
    },
  }
}

// A registered symbol, versioned: every copy of the library in the process (each bundle, each
// version that keeps this shape) finds the same board.
const PROCESS_BOARD = Symbol.for('flowglad-trpc.billingChanges.v1')

/** The process's one board, shared by every runtime and webhook handler of every bundle. */
export function processBillingChanges(): BillingChanges {
  const holder = globalThis as { [PROCESS_BOARD]?: BillingChanges }
  holder[PROCESS_BOARD] ??= createBillingChanges()
  return holder[PROCESS_BOARD]
}
