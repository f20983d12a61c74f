import { createHash, randomUUID } from 'node:crypto'

/** How a spend names its call, so a retried request is counted once. */
export interface SpendKeyOptions<TContext, TInput> {
  /**
   * The call's idempotency key (e.g. from an `Idempotency-Key` header on the context, or a field
   * the client sends). Default: the input's `idempotencyKey` or `transactionId` string field, else
   * a fresh id per call (each call is then a new spend; `@flowglad/node`'s own retries stay safe).
   */
  readonly idempotencyKey?: (opts: {
    input: TInput
    ctx: TContext
    path: string
  }) => string | null | undefined
}

/** The input's own key field, when it has one. */
function keyFromInput(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined
  for (const field of ['idempotencyKey', 'transactionId'] as const) {
    const value = (input as Record<string, unknown>)[field]
    if (typeof value === 'string' && value.length > 0) return value
  }
  return undefined
}

/**
 * The spend's transactionId: a hash of customer, procedure path and the call's key, so the same key
 * sent by two customers or to two procedures never collides, and a retry maps to the same id.
 */
export function spendTransactionId<TContext, TInput>(
  options: SpendKeyOptions<TContext, TInput> & { readonly meter: string },
  call: { input: TInput; ctx: TContext; path: string },
  customerExternalId: string,
): string {
  const key = options.idempotencyKey?.(call) ?? keyFromInput(call.input) ?? randomUUID()
  const digest = createHash('sha256')
    .update([customerExternalId, options.meter, call.path, key].join('\u0000'))
    .digest('hex')
  return `spend_${digest.slice(0, 40)}`
}
