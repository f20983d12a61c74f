import { type FlowgladErrorData, type FlowgladFailure, messageByFailure } from './errors'
import { type FlowgladRefusal, type FlowgladRefusalReason, getFlowgladRefusal } from './refusal'

// One error model for the app: a gate's refusal and an upstream failure are both a "kind" from one
// table, read the same way from a server-side error (createCaller, RSC) and from a TRPCClientError
// (through `flowgladErrorData` in the app's error formatter), with one message per kind.

/** Every kind of Flowglad error the client can be told: a gate's refusal or an upstream failure. */
export type FlowgladErrorKind = FlowgladRefusalReason | FlowgladFailure

/** The key under which error data carries an upstream failure (see `flowgladErrorData` on the server). */
export const FLOWGLAD_FAILURE_KEY = 'flowglad'

/** A message to show for each kind (the app may use its own; every kind has one). */
export const flowgladErrorMessages: Record<FlowgladErrorKind, string> = {
  feature_locked: 'Your plan does not include this feature.',
  insufficient_balance: 'Not enough credits left for this.',
  billing_unavailable: 'Billing is unavailable right now; try again shortly.',
  duplicate_request: 'This request was already sent; refresh to see its result.',
  idempotency_key_reused: 'This request conflicts with an earlier one; start it again.',
  invalid_request: 'Billing could not accept this request.',
  rejected_api_key: 'Billing is not configured correctly on the server.',
  forbidden: 'Billing refused this request.',
  not_found: 'Billing has no record of this.',
  conflict: 'This conflicts with the current billing state; refresh and try again.',
  rate_limited: 'Billing is busy; try again shortly.',
  upstream_error: 'Billing failed to answer; try again shortly.',
  timeout: messageByFailure.timeout ?? 'Billing did not answer in time.',
  unreachable: messageByFailure.unreachable ?? 'Billing could not be reached.',
  outcome_unknown: messageByFailure.outcome_unknown ?? 'This change may or may not have been applied.',
  misconfigured: 'Billing is not configured correctly on the server.',
  unexpected: 'Something went wrong with billing.',
}

/** What an error from a Flowglad procedure or gate means for the app. */
export interface FlowgladErrorDescription {
  readonly kind: FlowgladErrorKind
  readonly message: string
  /** The refusal (what was refused, what unlocks it), for gate refusals. */
  readonly refusal: FlowgladRefusal | null
  /** What the library knows about an upstream failure (outcome, retryAfterMs, requestId). */
  readonly failure: FlowgladErrorData | null
}

/** Reads a property of an unknown object, or undefined. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
}

const isFailureData = (value: unknown): value is FlowgladErrorData =>
  typeof field(value, 'failure') === 'string' &&
  Object.hasOwn(flowgladErrorMessages, field(value, 'failure') as string)

/** The upstream failure an error carries: client `data.flowglad`, or a server-side cause chain's `data`. */
function failureOf(error: unknown): FlowgladErrorData | null {
  const fromData = field(field(error, 'data'), FLOWGLAD_FAILURE_KEY)
  if (isFailureData(fromData)) return fromData
  const seen = new Set<unknown>()
  for (let current = error; current && !seen.has(current); current = field(current, 'cause')) {
    seen.add(current)
    const data = field(current, 'data')
    if (isFailureData(data)) return data
  }
  return null
}

/** The kind, message and details of a Flowglad error (refusal or upstream failure), or null for any other error. */
export function describeFlowgladError(error: unknown): FlowgladErrorDescription | null {
  const refusal = getFlowgladRefusal(error)
  if (refusal)
    return { kind: refusal.reason, message: flowgladErrorMessages[refusal.reason], refusal, failure: null }
  const failure = failureOf(error)
  if (failure)
    return { kind: failure.failure, message: flowgladErrorMessages[failure.failure], refusal: null, failure }
  return null
}
