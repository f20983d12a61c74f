import type { FeatureSlug, PriceSlug, ProductSlug, UsageMeterSlug } from './slugs'

// What a billing gate tells the client when it refuses a call: plain JSON, readable on the server
// (the thrown error) and on the client (a `TRPCClientError` whose `data` carries it, through the
// app's error formatter and `flowgladErrorData`). Framework-free so the React entry can use it.

/** A plan or purchase the customer could buy, as a refusal offers it. */
export interface RefusalOffer {
  readonly productSlug: ProductSlug | null
  readonly productName: string
  readonly priceSlug: PriceSlug | null
  readonly priceId: string
  /** `subscription` = a plan, `single_payment` = a one-off top-up. */
  readonly priceType: 'subscription' | 'single_payment' | 'usage'
  /** In the currency's smallest unit (cents). */
  readonly unitPrice: number
  readonly currency: string
}

/** The customer's current plan, when it has one. */
export interface RefusalPlan {
  readonly productSlug: ProductSlug | null
  readonly productName: string
  readonly priceSlug: PriceSlug | null
  readonly subscriptionId: string
}

/** `requireFeature` refused: the customer's plan lacks the feature. */
export interface FeatureLockedRefusal {
  readonly reason: 'feature_locked'
  readonly feature: FeatureSlug
  readonly currentPlan: RefusalPlan | null
  /** Prices of products that grant the feature (cheapest first). */
  readonly unlockedBy: readonly RefusalOffer[]
}

/** `spend` refused: the balance (after in-flight spends) does not cover the amount. */
export interface InsufficientBalanceRefusal {
  readonly reason: 'insufficient_balance'
  readonly usageMeter: UsageMeterSlug
  /** What the customer could still spend when the call was refused (in-flight spends deducted). */
  readonly balance: number
  readonly requested: number
  readonly currentPlan: RefusalPlan | null
  /** One-off purchases that grant credits on this meter (cheapest first). */
  readonly topUps: readonly RefusalOffer[]
  /** Plans that grant credits on this meter, other than the current one (cheapest first). */
  readonly plans: readonly RefusalOffer[]
}

/** A gate could not decide because Flowglad (or the shared store) was unreachable, and fails closed. */
export interface BillingUnavailableRefusal {
  readonly reason: 'billing_unavailable'
}

/**
 * `spend` refused a repeated idempotency key: the first call with it is still running
 * (`in_progress`), or it was paid for and its result delivered (`completed`). A repeat never runs
 * the handler again; the client reads the state the first call left instead.
 */
export interface DuplicateRequestRefusal {
  readonly reason: 'duplicate_request'
  readonly state: 'in_progress' | 'completed'
}

/** `spend` refused an idempotency key already used by this customer for another amount or input. */
export interface IdempotencyKeyReusedRefusal {
  readonly reason: 'idempotency_key_reused'
}

/** Every refusal a billing gate can send. */
export type FlowgladRefusal =
  | FeatureLockedRefusal
  | InsufficientBalanceRefusal
  | BillingUnavailableRefusal
  | DuplicateRequestRefusal
  | IdempotencyKeyReusedRefusal

/** The reasons a gate refuses, one per refusal kind. */
export type FlowgladRefusalReason = FlowgladRefusal['reason']

/** The key under which error data carries a refusal (see `flowgladErrorData` on the server). */
export const FLOWGLAD_REFUSAL_KEY = 'flowgladRefusal'

const reasons: Record<FlowgladRefusalReason, true> = {
  feature_locked: true,
  insufficient_balance: true,
  billing_unavailable: true,
  duplicate_request: true,
  idempotency_key_reused: true,
}

/** True for a value shaped like a refusal (a known `reason`). */
export function isFlowgladRefusal(value: unknown): value is FlowgladRefusal {
  if (typeof value !== 'object' || value === null) return false
  const reason = (value as { reason?: unknown }).reason
  return typeof reason === 'string' && Object.hasOwn(reasons, reason)
}

/** Reads a property of an unknown object, or undefined. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
}

/**
 * The refusal carried by an error, or null: a `TRPCClientError` (its `data.flowgladRefusal`, set by
 * the server's error formatter) or the server-side error itself (`createCaller`, RSC).
 */
export function getFlowgladRefusal(error: unknown): FlowgladRefusal | null {
  const fromData = field(field(error, 'data'), FLOWGLAD_REFUSAL_KEY)
  if (isFlowgladRefusal(fromData)) return fromData
  const fromError = field(error, 'refusal')
  if (isFlowgladRefusal(fromError)) return fromError
  const fromCause = field(field(error, 'cause'), 'refusal')
  return isFlowgladRefusal(fromCause) ? fromCause : null
}
