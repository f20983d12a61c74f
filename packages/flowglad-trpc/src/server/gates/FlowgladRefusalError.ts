import { TRPCError } from '@trpc/server'
import { FLOWGLAD_FAILURE_KEY } from '../../core/describeFlowgladError'
import type { FlowgladErrorData } from '../../core/errors'
import {
  FLOWGLAD_REFUSAL_KEY,
  type FlowgladRefusal,
  type FlowgladRefusalReason,
  getFlowgladRefusal,
} from '../../core/refusal'
import { getFlowgladErrorData } from '../upstream/FlowgladUpstreamError'

/** The tRPC code each refusal is sent with. */
const codeByReason: Record<FlowgladRefusalReason, TRPCError['code']> = {
  feature_locked: 'FORBIDDEN',
  insufficient_balance: 'FORBIDDEN',
  billing_unavailable: 'SERVICE_UNAVAILABLE',
  duplicate_request: 'CONFLICT',
  idempotency_key_reused: 'CONFLICT',
}

/** A gate's refusal: a `TRPCError` (FORBIDDEN; CONFLICT for a repeated key; SERVICE_UNAVAILABLE when failing closed) with typed data. */
export class FlowgladRefusalError extends TRPCError {
  /** What was refused and what would unlock it. */
  readonly refusal: FlowgladRefusal

  constructor(refusal: FlowgladRefusal, message: string, cause?: unknown) {
    super({ code: codeByReason[refusal.reason], message, ...(cause === undefined ? {} : { cause }) })
    this.refusal = refusal
  }
}

/**
 * Error data for the app's tRPC `errorFormatter`, so the client reads refusals and upstream failures
 * (`describeFlowgladError` on either side):
 * `errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, ...flowgladErrorData(error) } })`.
 */
export function flowgladErrorData(error: unknown): {
  [FLOWGLAD_REFUSAL_KEY]: FlowgladRefusal | null
  [FLOWGLAD_FAILURE_KEY]: FlowgladErrorData | null
} {
  return {
    [FLOWGLAD_REFUSAL_KEY]: getFlowgladRefusal(error),
    [FLOWGLAD_FAILURE_KEY]: getFlowgladErrorData(error) ?? null,
  }
}
