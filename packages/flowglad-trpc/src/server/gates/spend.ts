import { TRPCError } from '@trpc/server'
import { flowgladActions } from '../../core/actions'
import { checkUsageBalance } from '../../core/billingHelpers'
import type { UsageMeterSlug } from '../../core/slugs'
import { createSingleFlight } from '../caches/singleFlight'
import type { CustomerScope } from '../customer/customerScope'
import { monotonicNow } from '../engine/clock'
import { keyOf } from '../engine/flowgladAccount'
import { countMutation, runHandler } from '../engine/runHandler'
import { usageEventHandlers } from '../handlers/usage'
import type { FlowgladStore, LedgerSnapshot, ReserveResult } from '../store/FlowgladStore'
import type { CustomerBilling } from '../types'
import { FlowgladRefusalError } from './FlowgladRefusalError'
import {
  type FlowgladGate,
  type GateEvent,
  type GateRuntime,
  isUnavailable,
  type UnavailablePolicy,
} from './gateContext'
import {
  claimKey,
  completeClaim,
  DEFAULT_IDEMPOTENCY_WINDOW_MS,
  dropClaim,
  keepClaim,
  keyFromInput,
  ownsClaim,
  type SpendClaim,
  type SpendKeyOptions,
  spendTransactionId,
} from './idempotency'
import { currentPlanOf, offersCrediting } from './refusalOffers'

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
   * process lives; a crashed process's hold expires after it). A hold found expired after the
   * handler (the store stalled past the lease) is re-reserved before recording, or the call is
   * refused. Default 30 s.
   */
  readonly leaseMs?: number
  /** How long a paid-for idempotency key is refused as a repeat. Default 24 h. */
  readonly idempotencyWindowMs?: number
}

/** Recorded spends are remembered this long: longer than any balance read takes (a slower one is re-read). */
const RETAIN_MS = 60_000
/** A check re-reads at most this many times (stale snapshot, usage writes in flight) within the time budget. */
const MAX_ATTEMPTS = 40

/**
 * The meter's available balance and the subscription usage is recorded against: the first current
 * subscription carrying the meter, by the one meter rule (core `checkUsageBalance`, as `useUsageMeter`).
 */
function meterBalance(
  billing: CustomerBilling,
  meter: string,
): { subscriptionId: string | null; balance: number } {
  for (const subscription of billing.currentSubscriptions ?? []) {
    const balance = checkUsageBalance([subscription], meter)
    if (balance) return { subscriptionId: subscription.id, balance: balance.availableBalance }
  }
  return { subscriptionId: null, balance: 0 }
}

/** A non-negative integer amount, or a programming error (never a client's fault). */
function checkedAmount(amount: number): number {
  if (Number.isInteger(amount) && amount >= 0) return amount
  throw new TRPCError({
    code: 'INTERNAL_SERVER_ERROR',
    message: `flowglad-trpc: spend amount must be a non-negative integer, got ${amount}`,
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The refusal of an unaffordable spend, with what would top the meter up. */
function insufficient(billing: CustomerBilling, meter: string, amount: number, available: number) {
  const balance = Math.max(0, available)
  return new FlowgladRefusalError(
    {
      reason: 'insufficient_balance',
      usageMeter: meter,
      balance,
      requested: amount,
      currentPlan: currentPlanOf(billing),
      ...offersCrediting(billing, meter),
    },
    `Not enough ${meter} credits: ${balance} left, ${amount} requested.`,
  )
}

/** Builds `spend(...)`: check net of in-flight spends, run the handler, record only on success under a live hold. */
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
      // A spend writes usage: it counts toward the request's write cap like any billing mutation.
      countMutation(gates.runtime, scope)
      const policy = options.onUnavailable ?? gates.onUnavailable
      const leaseMs = options.leaseMs ?? 30_000
      const deadline = monotonicNow() + gates.runtime.timeoutMs
      const account = await gates.runtime.account().catch((thrown: unknown) => {
        throw gates.runtime.normalize(thrown)
      })
      // Usage an earlier process could not record is picked up from the store (once per process).
      gates.usageRetry.resume(gates.store, account.namespace).catch(() => {})
      const customerExternalId = scope.customer.externalId
      const call = { account, customerExternalId, meter: options.meter, path }
      const clientKey = options.idempotencyKey?.({ input, ctx, path }) ?? keyFromInput(input)
      const transactionId = await spendTransactionId(call, clientKey ?? undefined)
      // One ledger per account, customer and meter; every part encoded (a `:` in a slug is no separator).
      const key = keyOf(account.namespace, customerExternalId, options.meter)
      const event = { path, customerExternalId, usageMeter: options.meter, amount, transactionId }
      const unavailable = (error: unknown) =>
        new FlowgladRefusalError(
          { reason: 'billing_unavailable' },
          'Billing is unavailable right now; try again shortly.',
          error,
        )

      // Holds in the shared store; on a store outage with `failOpen`, in this process's own ledger.
      let store: FlowgladStore = gates.store
      const onStore = async <T>(step: (s: FlowgladStore) => Promise<T>): Promise<T> => {
        try {
          return await step(store)
        } catch (error) {
          if (error instanceof TRPCError || store === gates.localStore) throw error
          gates.report({ kind: 'store_unavailable', ...event, error })
          if (policy === 'failClosed') throw unavailable(error)
          store = gates.localStore
          return step(store)
        }
      }

      /** Reads the balance after a ledger snapshot and holds the amount; null = run unmetered (failOpen). */
      const reserve = async (): Promise<{ billing: CustomerBilling; reservation: ReserveResult } | null> => {
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const snapshot = await onStore((s) => s.snapshot(key))
          let billing: CustomerBilling
          try {
            billing = await readAfter(scope, key, snapshot)
          } catch (thrown) {
            const error = gates.runtime.normalize(thrown)
            if (!isUnavailable(error)) throw error
            gates.report({ kind: 'billing_unavailable', ...event, error })
            if (policy === 'failClosed') throw unavailable(error)
            return null // failing open: the call runs unmetered; the event carries what to reconcile
          }
          const { balance } = meterBalance(billing, options.meter)
          const reservation = await onStore((s) =>
            s.reserve(key, { id: transactionId, amount, balance, snapshot, leaseMs }),
          )
          if (reservation.status !== 'stale' && reservation.status !== 'uncertain')
            return { billing, reservation }
          // Uncertain: another spend's usage write is on its way; read again once it is answered.
          const wait = reservation.status === 'uncertain' ? Math.min(5 * 2 ** attempt, 100) : 0
          if (monotonicNow() + wait >= deadline) break
          await sleep(wait)
        }
        throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'Billing is busy; try again shortly.' })
      }

      /** Throws unless the ledger held the amount. */
      const mustHold = (checked: { billing: CustomerBilling; reservation: ReserveResult }) => {
        const { reservation } = checked
        if (reservation.status === 'reserved') return
        if (reservation.status === 'refused')
          throw insufficient(checked.billing, options.meter, amount, reservation.available)
        // The same transactionId held or recorded already: never run the handler for it again.
        throw new FlowgladRefusalError(
          {
            reason: 'duplicate_request',
            state: reservation.status === 'recorded' ? 'completed' : 'in_progress',
          },
          'This request is already being processed.',
        )
      }

      let claim: SpendClaim | undefined
      let delivered = false
      try {
        if (clientKey)
          claim = await onStore((s) => claimKey(s, { ...call, clientKey, amount, input }, leaseMs))
        const checked = await reserve()
        if (!checked) {
          const result = await next()
          delivered = result.ok
          return result
        }
        mustHold(checked)

        let lost = false
        const heartbeat = setInterval(() => {
          store.renew(key, transactionId, leaseMs).then(
            (live) => {
              if (!live) lost = true
            },
            () => {}, // unanswered: `confirm` below decides
          )
          if (claim) keepClaim(store, claim, leaseMs).catch(() => {})
        }, leaseMs / 3)
        heartbeat.unref?.()
        const result = await next().finally(() => clearInterval(heartbeat))
        if (!result.ok) {
          await store.release(key, transactionId).catch(() => {}) // an unreleased hold expires with its lease
          return result
        }

        // No record without a live hold: confirm it (and mark the write under way), else hold again.
        let billing = checked.billing
        const confirmed = !lost && (await store.confirm(key, transactionId, leaseMs).catch(() => false))
        if (claim && !(await onStore((s) => ownsClaim(s, claim as SpendClaim))))
          throw new FlowgladRefusalError(
            { reason: 'duplicate_request', state: 'in_progress' },
            'This request is already being processed.',
          )
        if (!confirmed) {
          gates.report({
            kind: 'hold_lost',
            ...event,
            error: new Error('The hold expired while the handler ran (the store stalled past the lease).'),
          })
          const again = await reserve()
          if (!again) throw unavailable(new Error('billing unreachable after a lost hold'))
          mustHold(again)
          billing = again.billing
          if (!(await onStore((s) => s.confirm(key, transactionId, leaseMs))))
            throw new TRPCError({
              code: 'SERVICE_UNAVAILABLE',
              message: 'Billing is busy; try again shortly.',
            })
        }
        await record(gates, {
          store,
          namespace: account.namespace,
          key,
          transactionId,
          amount,
          meter: options.meter,
          scope,
          billing,
          event,
        })
        delivered = true
        return result
      } finally {
        if (claim) {
          const settled = claim
          await (delivered
            ? completeClaim(store, settled, options.idempotencyWindowMs ?? DEFAULT_IDEMPOTENCY_WINDOW_MS)
            : dropClaim(store, settled)
          ).catch((error: unknown) => gates.report({ kind: 'store_unavailable', ...event, error }))
        }
      }
    }
}

/** What `record` needs. */
interface Recording {
  readonly store: FlowgladStore
  readonly namespace: string
  readonly key: string
  readonly transactionId: string
  readonly amount: number
  readonly meter: string
  readonly scope: CustomerScope
  readonly billing: CustomerBilling
  readonly event: Omit<GateEvent, 'kind' | 'error'>
}

/** Records the usage of a delivered call under its confirmed hold, then numbers it in the ledger. */
async function record<TContext>(gates: GateRuntime<TContext>, recording: Recording): Promise<void> {
  const { store, key, transactionId, amount, meter, scope, billing } = recording
  const { subscriptionId } = meterBalance(billing, meter)
  // The usage handler checks against the billing the spend reserved with, not a second read. Usage
  // that concurrent spends recorded since (a newer write generation) does not change what it checks
  // (current subscription, known meter); the ledger already counts it.
  const { runtime } = gates
  runtime.billing.prime(scope.requestKey, scope.customer.externalId, billing)
  try {
    // The one action behind `flowglad.usageEvents.create`: its checks, error boundary and time
    // budget. The spend counted the write toward the request's cap before any upstream call.
    // The transactionId makes retries safe: Flowglad records one event per id.
    const input = await usageEventHandlers.create.input.parseAsync({
      subscriptionId: subscriptionId as string,
      usageMeterSlug: meter,
      amount,
      transactionId,
    })
    await runHandler(
      runtime,
      flowgladActions.usageEvents.create,
      usageEventHandlers.create,
      async () => scope,
      input,
      { capMutations: false },
    )
  } catch (error) {
    // The handler's work is done and returned. The usage is sent again with the same transactionId
    // (its hold kept meanwhile) until Flowglad takes it; only then is it given up and reported.
    const pending = {
      transactionId,
      subscriptionId: subscriptionId as string,
      meter,
      amount,
      ledgerKey: key,
      event: recording.event,
    }
    await gates.usageRetry.add(store, recording.namespace, pending).catch((storeError: unknown) => {
      gates.report({ kind: 'usage_not_recorded', ...recording.event, error: gates.runtime.normalize(error) })
      gates.report({ kind: 'store_unavailable', ...recording.event, error: storeError })
    })
    return
  }
  // `runHandler` marked the customer's memoised billing stale (written, or maybe written).
  await store.commit(key, { id: transactionId, amount, retainMs: RETAIN_MS }).catch((error: unknown) => {
    gates.report({ kind: 'store_unavailable', ...recording.event, error })
  })
}
