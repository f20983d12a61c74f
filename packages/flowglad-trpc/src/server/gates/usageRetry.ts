import type { FlowgladRuntime } from '../engine/flowgladRuntime'
import type { FlowgladStore } from '../store/FlowgladStore'
import type { GateEvent } from './gateContext'

// Usage that could not be recorded after its handler ran (Flowglad down, the answer lost) is sent
// again with the SAME transactionId (Flowglad counts an id once, so a retry never charges twice)
// until Flowglad acknowledges it or the attempts run out. The pending record lives in the store, so
// with a shared store another instance (or this one after a restart) picks it up. Meanwhile its
// hold is kept: the credits are not handed to another call before the usage is recorded.

/** One usage event waiting to be recorded. */
export interface PendingUsage {
  readonly transactionId: string
  readonly subscriptionId: string
  readonly meter: string
  readonly amount: number
  /** The ledger that holds it. */
  readonly ledgerKey: string
  readonly event: Omit<GateEvent, 'kind' | 'error'>
}

/** Pending usage is kept (and its hold) at most this long. */
const PENDING_MS = 24 * 60 * 60_000
/** Recorded spends are remembered this long in the ledger (as `spend` does). */
const RETAIN_MS = 60_000

/** Default waits before each retry. */
export const DEFAULT_USAGE_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000, 120_000, 600_000]

/** Retries unrecorded usage; `resume` picks up what an earlier process left in the store. */
export interface UsageRetry {
  /** Persists `pending` and schedules its retries. */
  add(store: FlowgladStore, namespace: string, pending: PendingUsage): Promise<void>
  /** Schedules every pending record of the account left in the store (once per process and store). */
  resume(store: FlowgladStore, namespace: string): Promise<void>
}

/** Creates the retry loop of one middleware. */
export function createUsageRetry(
  runtime: FlowgladRuntime,
  report: (event: GateEvent) => void,
  delaysMs: readonly number[] = DEFAULT_USAGE_RETRY_DELAYS_MS,
): UsageRetry {
  const indexKey = (namespace: string) => `usage-pending:${namespace}`
  const recordKey = (namespace: string, id: string) => `usage-pending:${namespace}:${id}`
  const resumed = new WeakMap<FlowgladStore, Set<string>>()
  const scheduled = new Set<string>()

  const forget = async (store: FlowgladStore, namespace: string, id: string) => {
    await store.removeMember(indexKey(namespace), id)
    await store.delete(recordKey(namespace, id))
    scheduled.delete(id)
  }

  const attempt = async (store: FlowgladStore, namespace: string, pending: PendingUsage, index: number) => {
    try {
      const client = await runtime.client()
      await client.usageEvents.create({
        usageEvent: {
          subscriptionId: pending.subscriptionId,
          usageMeterSlug: pending.meter,
          amount: pending.amount,
          transactionId: pending.transactionId,
        },
      })
    } catch (error) {
      if (index + 1 < delaysMs.length) return schedule(store, namespace, pending, index + 1)
      // Out of attempts: the operator records it by hand (the event carries the transactionId).
      report({ kind: 'usage_not_recorded', ...pending.event, error: runtime.normalize(error) })
      await forget(store, namespace, pending.transactionId).catch(() => {})
      return
    }
    runtime.billing.invalidate(pending.event.customerExternalId ?? '')
    await store
      .commit(pending.ledgerKey, { id: pending.transactionId, amount: pending.amount, retainMs: RETAIN_MS })
      .catch(() => {})
    await forget(store, namespace, pending.transactionId).catch(() => {})
  }

  const schedule = (store: FlowgladStore, namespace: string, pending: PendingUsage, index: number) => {
    scheduled.add(pending.transactionId)
    const timer = setTimeout(() => void attempt(store, namespace, pending, index), delaysMs[index] ?? 0)
    timer.unref?.()
  }

  return {
    async add(store, namespace, pending) {
      // The hold stays until the usage is recorded (or given up): its credits are spent already.
      await store.renew(pending.ledgerKey, pending.transactionId, PENDING_MS)
      await store.set(recordKey(namespace, pending.transactionId), JSON.stringify(pending), PENDING_MS)
      await store.addMember(indexKey(namespace), pending.transactionId, PENDING_MS)
      schedule(store, namespace, pending, 0)
    },
    async resume(store, namespace) {
      let done = resumed.get(store)
      if (!done) {
        done = new Set()
        resumed.set(store, done)
      }
      if (done.has(namespace)) return
      done.add(namespace)
      for (const id of await store.members(indexKey(namespace))) {
        if (scheduled.has(id)) continue
        const value = await store.get(recordKey(namespace, id))
        if (value === undefined) {
          await store.removeMember(indexKey(namespace), id)
          continue
        }
        schedule(store, namespace, JSON.parse(value) as PendingUsage, 0)
      }
    },
  }
}
