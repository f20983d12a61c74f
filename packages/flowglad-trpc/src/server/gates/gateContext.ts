import { TRPCError, type TRPCMiddlewareFunction } from '@trpc/server'
import type { CustomerScope } from '../customer/customerScope'
import type { FlowgladRuntime } from '../engine/flowgladRuntime'
import type { FlowgladStore } from '../store/FlowgladStore'
import type { FlowgladCustomer } from '../types'
import type { UsageRetry } from './usageRetry'

/** What tRPC hands a middleware, as far as a gate reads it. */
export interface GateCall<TContext, TInput, TResult> {
  readonly ctx: TContext
  readonly input: TInput
  readonly path: string
  readonly next: () => Promise<TResult>
}

/** What `next()` resolves to in tRPC (a result object; errors are results, not throws). */
export interface GateResult {
  readonly ok: boolean
}

/**
 * A tRPC middleware for `.use(...)`. Generic in the result so it fits any procedure builder; a
 * procedure's context must be assignable to `TContext` and its parsed input to `TInput`.
 */
export type FlowgladGate<TContext, TInput = unknown> = <TResult extends GateResult>(
  call: GateCall<TContext, TInput, TResult>,
) => Promise<TResult>

/**
 * A gate that narrows the context: the handler after it sees `ctx.flowgladCustomer`, the customer
 * the gate resolved (so it knows one is present). A tRPC middleware for `.use(...)`.
 */
export type FlowgladCustomerGate<TContext> = TRPCMiddlewareFunction<
  TContext,
  AnyMeta,
  AnyContextOverrides,
  { flowgladCustomer: FlowgladCustomer },
  unknown
>
// biome-ignore lint/suspicious/noExplicitAny: the gate fits any procedure's meta
type AnyMeta = any
// biome-ignore lint/suspicious/noExplicitAny: and whatever earlier middleware added to the context
type AnyContextOverrides = any

/** What to do when Flowglad (or the shared store) cannot be reached. */
export type UnavailablePolicy = 'failClosed' | 'failOpen'

/** The customer of a request (user or organization), or null when signed out. */
export type FlowgladCustomerResolver<TContext> = (opts: {
  ctx: TContext
}) => FlowgladCustomer | null | undefined | Promise<FlowgladCustomer | null | undefined>

/** Everything a gate needs, resolved once by `createFlowgladMiddleware`. */
export interface GateRuntime<TContext> {
  readonly runtime: FlowgladRuntime
  readonly store: FlowgladStore
  /** This process's own ledger: the `failOpen` fallback when the shared store is down. */
  readonly localStore: FlowgladStore
  readonly onUnavailable: UnavailablePolicy
  /** The request's customer scope (billing memo shared with the router), or UNAUTHORIZED. */
  scope(ctx: TContext): Promise<CustomerScope>
  /** Reports what a gate could not do (an unrecorded spend, a store outage). */
  report(event: GateEvent): void
  /** Sends unrecorded usage again with its transactionId (through the store, across restarts). */
  readonly usageRetry: UsageRetry
}

/** Something a gate could not do, for the app's logs and reconciliation. */
export interface GateEvent {
  /**
   * `usage_not_recorded`: Flowglad did not take a delivered call's usage after every retry (same
   * transactionId); record it by hand. `hold_lost`: a spend's hold expired while its handler ran (the store stalled past the lease); the
   * spend re-reserved before recording, or refused.
   */
  readonly kind: 'usage_not_recorded' | 'store_unavailable' | 'billing_unavailable' | 'hold_lost'
  readonly path: string
  readonly customerExternalId?: string
  readonly usageMeter?: string
  readonly amount?: number
  readonly transactionId?: string
  readonly error: unknown
}

/** The UNAUTHORIZED a gate throws for a signed-out caller, before any upstream call. */
export function signedOut(): TRPCError {
  return new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to use this' })
}

/** tRPC codes that mean "Flowglad could not answer", as the error normaliser produces them. */
const unavailableCodes: ReadonlySet<TRPCError['code']> = new Set([
  'SERVICE_UNAVAILABLE',
  'GATEWAY_TIMEOUT',
  'BAD_GATEWAY',
  'TOO_MANY_REQUESTS',
])

/** True when a normalised upstream error means Flowglad was unreachable or failing (not a 4xx answer). */
export function isUnavailable(error: TRPCError): boolean {
  return unavailableCodes.has(error.code)
}
