import { TRPCError } from '@trpc/server'
import { z } from 'zod/v4'
import { createCustomerScope } from '../customer/customerScope'
import type { HandlerInput, HandlerOutput } from '../engine/defineHandler'
import type { FlowgladRuntime } from '../engine/flowgladRuntime'
import { parseInput } from '../engine/parseInput'
import { runHandler } from '../engine/runHandler'
import type { FlowgladHandlers } from '../handlers'
import type { FlowgladCustomer } from '../types'
import { mapHandlers } from './mapHandlers'

/** Optional input stays optional in the call signature. */
type CallArgs<TInput> = undefined extends TInput ? [input?: TInput] : [input: TInput]

/**
 * The customer-scoped server API: the same handlers as the procedures, nested the same way
 * (`api.billing.get()`, `api.subscriptions.cancel({...})`), for code outside tRPC.
 */
export type FlowgladCustomerApi = {
  readonly [G in keyof FlowgladHandlers]: {
    readonly [A in keyof FlowgladHandlers[G]]: (
      ...args: CallArgs<HandlerInput<FlowgladHandlers[G][A]>>
    ) => Promise<HandlerOutput<FlowgladHandlers[G][A]>>
  }
}

/** Builds the customer API; every call made through one handle shares one billing memo. */
export function createCustomerApi(
  runtime: FlowgladRuntime,
  customer: FlowgladCustomer,
  requestKey: object = {},
): FlowgladCustomerApi {
  const scope = createCustomerScope(runtime, customer, requestKey)
  const api = mapHandlers((action, handler) => async (input?: unknown) => {
    const parsed = await parseInput(handler.input, input)
    if (!parsed.success)
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: z.prettifyError(parsed.error),
        cause: parsed.error,
      })
    // Server code is trusted with any number of writes: no per-request mutation cap.
    return runHandler(runtime, action, handler, async () => scope, parsed.data, { capMutations: false })
  })
  // The walk preserves the table's shape; its precise per-call types are declared above.
  return api as unknown as FlowgladCustomerApi
}
