import type { z } from 'zod/v4'
import type { ActionAccess, FlowgladActions } from '../core/actions'
import type { CustomerScope } from './customerScope'
import type { FlowgladRuntime } from './flowgladRuntime'

/** What a public operation can use. */
export interface PublicContext {
  readonly runtime: FlowgladRuntime
}

/** What a customer-aware operation gets: the customer when signed in, else null. */
export interface HybridContext extends PublicContext {
  readonly scope: CustomerScope | null
}

/** What a customer operation gets: always a resolved customer. */
export interface CustomerContext extends PublicContext {
  readonly scope: CustomerScope
}

/** The context each access level hands its operations. */
export interface ContextByAccess {
  public: PublicContext
  hybrid: HybridContext
  customer: CustomerContext
  /** Server-only actions run for the customer named in `forCustomer(...)`. */
  server: CustomerContext
}

/** One Flowglad action's server side: its input validator and what it does. */
export interface Operation<TAccess extends ActionAccess, TInput extends z.ZodType, TOutput> {
  /** Must equal the registry entry's access (checked by `OperationTable`): it decides `run`'s context. */
  readonly access: TAccess
  readonly input: TInput
  // Method syntax on purpose: bivariant parameters let concrete operations fit `AnyOperation`.
  run(context: ContextByAccess[TAccess], input: z.output<TInput>): Promise<TOutput>
}

/** Any operation for the given access level. */
export type AnyOperation<TAccess extends ActionAccess = ActionAccess> = Operation<TAccess, z.ZodType, unknown>

/** The shape every operations table must have: one operation per registry action, with its access. */
export type OperationTable = {
  readonly [G in keyof FlowgladActions]: {
    readonly [A in keyof FlowgladActions[G]]: AnyOperation<
      FlowgladActions[G][A] extends { access: infer TAccess extends ActionAccess } ? TAccess : never
    >
  }
}

/** Defines an operation for an access level; the table type checks it against the registry. */
export function defineOperation<TAccess extends ActionAccess>(access: TAccess) {
  return <TInput extends z.ZodType, TOutput>(
    input: TInput,
    run: (context: ContextByAccess[TAccess], input: z.output<TInput>) => Promise<TOutput>,
  ): Operation<TAccess, TInput, TOutput> => ({ access, input, run })
}

/** Input type (what callers send) of an operation. */
export type OperationInput<TOp> =
  TOp extends Operation<infer _TAccess, infer TInput, infer _TOutput> ? z.input<TInput> : never

/** Output type of an operation. */
export type OperationOutput<TOp> =
  TOp extends Operation<infer _TAccess, infer _TInput, infer TOutput> ? TOutput : never
