import { TRPCError } from '@trpc/server'
import type { UsageMeterSlug } from '../../core/slugs'
import { createSingleFlight } from '../caches/singleFlight'
import type { CustomerScope } from '../customer/customerScope'
import type { FlowgladStore, LedgerSnapshot, ReserveResult } from '../store/FlowgladStore'
import type { CustomerBilling } from '../types'
import { FlowgladRefusalError } from './FlowgladRefusalError'
import { type FlowgladGate, type GateRuntime, isUnavailable, type UnavailablePolicy } from './gateContext'
import { currentPlanOf, offersCrediting } from './refusalOffers'
import { type SpendKeyOptions, spendTransactionId } from './spendTransactionId'

/** Options of `spend`. */
export interface SpendOptions<TContext, TInput> extends SpendKeyOptions<TContext, TInput> {
  /** The usage meter the call draws on. */
  readonly meter: UsageMeterSlug
  /** Units the call costs: a number, or computed from the parsed input and context. 0 spends nothing. */
  readonly amount: number | ((opts: { input: TInput; ctx: TContext }) => number)
  /** Overrides the middleware's policy for when Flowglad or the store is unreachable. */
  readonly onUnavailable?: UnavailablePolicy
  /**
   * How long the credits stay held while the handler runs (renewed every third of it while the
   * process lives; a crashed process's hold expires after it). Default 30 s.
   */
  readonly leaseMs?: number
}

/** Recorded spends are remembered this long: longer than any balance read takes (a slower one is re-read). */
const RETAIN_MS = 60_000
/** A stale snapshot (the ledger forgot or was recreated mid-read) is retried this many times. */
const MAX_ATTEMPTS = 3

/** The available balance of a meter on the subscription usage is recorded against. */
function meterBalance(
  billing: CustomerBilling,
  meter: string,
): { subscriptionId: string | null; balance: number } {
  const subscription = billing.currentSubscription ?? billing.currentSubscriptions?.[0]
  if (!subscription) return { subscriptionId: null, balance: 0 }
  const balance = subscription.experimental?.usageMeterBalances?.find((b) => b.slug === meter)
  return { subscriptionId: subscription.id, balance: balance?.availableBalance ?? 0 }
}

/** A non-negative integer amount, or a programming error (never a client's fault). */
function checkedAmount(amount: number): number {
  if (Number.isInteger(amount) && amount >= 0) return amount
  throw new TRPCError({
    code: 'INTERNAL_SERVER_ERROR',
    message: `flowglad-trpc: spend amount must be a non-negative integer, got ${amount}`,
  })
}

/** Builds `spend(...)`: check net of in-flight spends, run the handler, record only on success. */
export function createSpend<TContext>(gates: GateRuntime<TContext>) {
  // Balance reads started after the same ledger snapshot see the same recorded spends, so
  // concurrent spends of one customer share one read: 20 at once cost one billing call.
  const reads = createSingleFlight<string, CustomerBilling>()
  const readAfter = (scope: CustomerScope, key: string, snapshot: LedgerSnapshot) =>
    reads.run(`${key}\u0000${snapshot.epoch}\u0000${snapshot.sequence}`, () =>
      scope.withCustomer((client) => client.customers.retrieveBilling(scope.customer.externalId)),
    )

  return <TInput = unknown>(options: SpendOptions<TContext, TInput>): FlowgladGate<TContext, TInput> =>
    async ({ ctx, input, path, next }) => {
      const scope = await gates.scope(ctx)
      const amount = checkedAmount(
        typeof options.amount === 'function' ? options.amount({ input, ctx }) : options.amount,
      )
      if (amount === 0) return next()
      const policy = options.onUnavailable ?? gates.onUnavailable
      const key = `${scope.customer.externalId}:${options.meter}`
      const transactionId = spendTransactionId(options, { ctx, input, path }, scope.customer.externalId)
      const event = {
        path,
        customerExternalId: scope.customer.externalId,
        usageMeter: options.meter,
        amount,
        transactionId,
      }

      // Holds in the shared store; on a store outage with `failOpen`, in this process's own ledger.
      let store: FlowgladStore = gates.store
      const onStore = async <T>(step: (s: FlowgladStore) => Promise<T>): Promise<T> => {
        try {
          return await step(store)
        } catch (error) {
          if (store === gates.localStore) throw error
          gates.report({ kind: 'store_unavailable', ...event, error })
          if (policy === 'failClosed')
            throw new FlowgladRefusalError(
              { reason: 'billing_unavailable' },
              'Billing is unavailable right now; try again shortly.',
              error,
            )
          store = gates.localStore
          return step(store)
        }
      }

      let billing: CustomerBilling | undefined
      let reservation: ReserveResult = { status: 'stale' }
      for (let attempt = 0; attempt < MAX_ATTEMPTS && reservation.status === 'stale'; attempt++) {
        const snapshot = await onStore((s) => s.snapshot(key))
        try {
          billing = await readAfter(scope, key, snapshot)
        } catch (thrown) {
          const error = gates.runtime.normalize(thrown)
          if (!isUnavailable(error)) throw error
          gates.report({ kind: 'billing_unavailable', ...event, error })
          if (policy === 'failClosed')
            throw new FlowgladRefusalError(
              { reason: 'billing_unavailable' },
              'Billing is unavailable right now; try again shortly.',
              error,
            )
          // Failing open: the call runs unmetered; the event above carries what to reconcile.
          return next()
        }
        const { balance } = meterBalance(billing, options.meter)
        const leaseMs = options.leaseMs ?? 30_000
        reservation = await onStore((s) =>
          s.reserve(key, { id: transactionId, amount, balance, snapshot, leaseMs }),
        )
      }
      if (!billing || reservation.status === 'stale')
        throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'Billing is busy; try again shortly.' })
      return settle(gates, {
        store,
        key,
        transactionId,
        amount,
        meter: options.meter,
        leaseMs: options.leaseMs ?? 30_000,
        scope,
        billing,
        reservation,
        event,
        next,
      })
    }
}

/** What `settle` needs from the check. */
interface Checked<TResult> {
  readonly store: FlowgladStore
  readonly key: string
  readonly transactionId: string
  readonly amount: number
  readonly meter: string
  readonly leaseMs: number
  readonly scope: CustomerScope
  readonly billing: CustomerBilling
  readonly reservation: Exclude<ReserveResult, { status: 'stale' }>
  readonly event: Omit<Parameters<GateRuntime<unknown>['report']>[0], 'kind' | 'error'>
  readonly next: () => Promise<TResult>
}

/** Acts on the ledger's decision: refuse, run the handler under a hold, and record on success. */
async function settle<TContext, TResult extends { readonly ok: boolean }>(
  gates: GateRuntime<TContext>,
  checked: Checked<TResult>,
): Promise<TResult> {
  const { store, key, transactionId, amount, meter, scope, billing, reservation } = checked
  if (reservation.status === 'refused') {
    const available = Math.max(0, reservation.available)
    throw new FlowgladRefusalError(
      {
        reason: 'insufficient_balance',
        usageMeter: meter,
        balance: available,
        requested: amount,
        currentPlan: currentPlanOf(billing),
        ...offersCrediting(billing, meter),
      },
      `Not enough ${meter} credits: ${available} left, ${amount} requested.`,
    )
  }
  if (reservation.status === 'in_flight')
    throw new TRPCError({ code: 'CONFLICT', message: 'This call is already being processed.' })
  // A retry of a call already recorded: Flowglad counts a transactionId once, so nothing is held or recorded.
  if (reservation.status === 'recorded') return checked.next()

  const heartbeat = setInterval(() => {
    store.renew(key, transactionId, checked.leaseMs).catch(() => {})
  }, checked.leaseMs / 3)
  heartbeat.unref?.()
  let result: TResult
  try {
    result = await checked.next()
  } finally {
    clearInterval(heartbeat)
  }
  if (!result.ok) {
    await store.release(key, transactionId).catch(() => {}) // an unreleased hold expires with its lease
    return result
  }
  const { subscriptionId } = meterBalance(billing, meter)
  try {
    const client = await scope.client()
    // The transactionId makes @flowglad/node's retries safe: Flowglad records one event per id.
    await client.usageEvents.create({
      usageEvent: { subscriptionId: subscriptionId as string, usageMeterSlug: meter, amount, transactionId },
    })
  } catch (error) {
    // The handler's work is done and returned; the hold stays until its lease ends so the credits are
    // not handed to another call meanwhile, and the app is told what to record again.
    gates.report({ kind: 'usage_not_recorded', ...checked.event, error: gates.runtime.normalize(error) })
    return result
  } finally {
    scope.invalidate()
  }
  await store.commit(key, { id: transactionId, amount, retainMs: RETAIN_MS }).catch((error: unknown) => {
    gates.report({ kind: 'store_unavailable', ...checked.event, error })
  })
  return result
}
