import { TRPCError } from '@trpc/server'
import { z } from 'zod/v4'
import { createCustomerScope } from './customerScope'
import type { FlowgladRuntime } from './flowgladRuntime'
import { mapOperations } from './mapOperations'
import type { OperationInput, OperationOutput } from './operation'
import type { FlowgladOperations } from './procedures'
import { runOperation } from './runOperation'
import type { FlowgladCustomer } from './types'

/** Optional input stays optional in the call signature. */
type CallArgs<TInput> = undefined extends TInput ? [input?: TInput] : [input: TInput]

/**
 * The customer-scoped server API: the same operations as the procedures, nested the same way
 * (`api.billing.get()`, `api.subscriptions.cancel({...})`), for code outside tRPC.
 */
export type FlowgladCustomerApi = {
  readonly [G in keyof FlowgladOperations]: {
    readonly [A in keyof FlowgladOperations[G]]: (
      ...args: CallArgs<OperationInput<FlowgladOperations[G][A]>>
    ) => Promise<OperationOutput<FlowgladOperations[G][A]>>
  }
}

/** Builds the customer API; every call made through one handle shares one billing memo. */
export function createCustomerApi(
  runtime: FlowgladRuntime,
  customer: FlowgladCustomer,
  requestKey: object = {},
): FlowgladCustomerApi {
  const scope = createCustomerScope(runtime, customer, requestKey)
  const api = mapOperations((action, operation) => async (input?: unknown) => {
    const parsed = await operation.input.safeParseAsync(input)
    if (!parsed.success)
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: z.prettifyError(parsed.error),
        cause: parsed.error,
      })
    // Server code is trusted with any number of writes: no per-request mutation cap.
    return runOperation(runtime, action, operation, async () => scope, parsed.data, { capMutations: false })
  })
  // The walk preserves the table's shape; its precise per-call types are declared above.
  return api as unknown as FlowgladCustomerApi
}
