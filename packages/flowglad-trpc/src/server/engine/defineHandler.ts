import type { z } from 'zod/v4'
import type { ActionAccess, ActionDefinition, FlowgladActions } from '../../core/actions'
import type { CustomerScope } from '../customer/customerScope'
import type { CallBudget } from './callBudget'
import type { FlowgladRuntime } from './flowgladRuntime'

/** What a public handler can use. */
export interface PublicContext {
  readonly runtime: FlowgladRuntime
  /** The handler's time budget: pass it to whatever reaches upstream outside `scope` (the scope is bound to it). */
  readonly budget: CallBudget
}

/** What a customer-aware handler gets: the customer when signed in, else null. */
export interface HybridContext extends PublicContext {
  readonly scope: CustomerScope | null
}

/** What a customer handler gets: always a resolved customer. */
export interface CustomerContext extends PublicContext {
  readonly scope: CustomerScope
}

/** The context each access level hands its handlers. */
export interface ContextByAccess {
  public: PublicContext
  hybrid: HybridContext
  customer: CustomerContext
  /** Server-only actions run for the customer named in `forCustomer(...)`. */
  server: CustomerContext
}

/** One Flowglad action's server side: its input validator and what it does. */
export interface ActionHandler<TAccess extends ActionAccess, TInput extends z.ZodType, TOutput> {
  /** The registry entry's access, copied by `defineHandler` (checked by `HandlerTable`): it decides `run`'s context. */
  readonly access: TAccess
  readonly input: TInput
  // Method syntax on purpose: bivariant parameters let concrete handlers fit `AnyHandler`.
  run(context: ContextByAccess[TAccess], input: z.output<TInput>): Promise<TOutput>
}

/** Any handler for the given access level. */
export type AnyHandler<TAccess extends ActionAccess = ActionAccess> = ActionHandler<
  TAccess,
  z.ZodType,
  unknown
>

/** The shape every handlers table must have: one handler per registry action, with its access. */
export type HandlerTable = {
  readonly [G in keyof FlowgladActions]: {
    readonly [A in keyof FlowgladActions[G]]: AnyHandler<
      FlowgladActions[G][A] extends { access: infer TAccess extends ActionAccess } ? TAccess : never
    >
  }
}

/**
 * Defines the handler of one registry action. Access is not restated: it is read from the entry,
 * and decides `run`'s context (customer or not); the table type checks the handler sits under its entry.
 */
export function defineHandler<const TAction extends ActionDefinition>(action: TAction) {
  return <TInput extends z.ZodType, TOutput>(
    input: TInput,
    run: (context: ContextByAccess[TAction['access']], input: z.output<TInput>) => Promise<TOutput>,
  ): ActionHandler<TAction['access'], TInput, TOutput> => ({ access: action.access, input, run })
}

/** Input type (what callers send) of a handler. */
export type HandlerInput<TOp> =
  TOp extends ActionHandler<infer _TAccess, infer TInput, infer _TOutput> ? z.input<TInput> : never

/** Output type of a handler. */
export type HandlerOutput<TOp> =
  TOp extends ActionHandler<infer _TAccess, infer _TInput, infer TOutput> ? TOutput : never
