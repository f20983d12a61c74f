import {
  type AnyTRPCProcedure,
  type AnyTRPCRootTypes,
  type inferProcedureBuilderResolverOptions,
  type TRPCBuiltRouter,
  TRPCError,
  type TRPCMutationProcedure,
  type TRPCProcedureBuilder,
  type TRPCQueryProcedure,
  type TRPCRouterBuilder,
  type TRPCUnsetMarker,
} from '@trpc/server'
import type { z } from 'zod/v4'
import { type ActionDefinition, type FlowgladActions, isProcedure } from '../../core/actions'
import { createCustomerScope } from '../customer/customerScope'
import { resolveRequestCustomer } from '../customer/requestCustomer'
import type { HandlerInput, HandlerOutput } from '../engine/defineHandler'
import { parseInput } from '../engine/parseInput'
import { runHandler } from '../engine/runHandler'
import type { FlowgladHandlers } from '../handlers'
import type { FlowgladCustomer } from '../types'
import { type Flowglad, runtimeOf } from './createFlowglad'
import { mapHandlers } from './mapHandlers'

/** A base procedure with no input yet (e.g. the app's `publicProcedure`, middleware allowed). */
export type FlowgladBaseProcedure<TContext, TMeta, TContextOverrides> = TRPCProcedureBuilder<
  TContext,
  TMeta,
  TContextOverrides,
  TRPCUnsetMarker,
  TRPCUnsetMarker,
  TRPCUnsetMarker,
  TRPCUnsetMarker,
  false
>

/** The context Flowglad procedures see: the app's, after the base procedure's middleware. */
export type FlowgladProcedureContext<TContext, TMeta, TContextOverrides> =
  inferProcedureBuilderResolverOptions<FlowgladBaseProcedure<TContext, TMeta, TContextOverrides>>['ctx']

/** The tRPC procedure type for one registry action (query or mutation, per the registry). */
type ProcedureFor<TAction, THandler, TMeta> = TAction extends ActionDefinition
  ? {
      query: TRPCQueryProcedure<{
        input: HandlerInput<THandler>
        output: HandlerOutput<THandler>
        meta: TMeta
      }>
      mutation: TRPCMutationProcedure<{
        input: HandlerInput<THandler>
        output: HandlerOutput<THandler>
        meta: TMeta
      }>
    }[TAction['kind']]
  : never

/**
 * The Flowglad router's procedures, nested like the registry (`pricing.default`, `billing.get`, ...).
 * Server-only actions are left out of the type as they are left out of the router.
 */
export type FlowgladRouterRecord<TMeta> = {
  [G in keyof FlowgladHandlers]: {
    [A in keyof FlowgladHandlers[G] as FlowgladActions[G][A & keyof FlowgladActions[G]] extends {
      readonly access: 'server'
    }
      ? never
      : A]: ProcedureFor<FlowgladActions[G][A & keyof FlowgladActions[G]], FlowgladHandlers[G][A], TMeta>
  }
}

/** The router `createFlowgladRouter` returns, typed for the app's root (context, transformer, errors). */
export type FlowgladRouter<TRoot extends AnyTRPCRootTypes, TMeta> = TRPCBuiltRouter<
  TRoot,
  FlowgladRouterRecord<TMeta>
>

/** Options of `createFlowgladRouter`. */
export interface CreateFlowgladRouterOptions<
  TRoot extends AnyTRPCRootTypes,
  TContext,
  TMeta,
  TContextOverrides,
> {
  /** What `createFlowglad()` returned. */
  readonly flowglad: Flowglad
  /** The app's `t.router`: its context, transformer and error formatter apply to every Flowglad procedure. */
  readonly router: TRPCRouterBuilder<TRoot>
  /** The base of every Flowglad procedure (e.g. `publicProcedure`); its middleware runs first. */
  readonly procedure: FlowgladBaseProcedure<TContext, TMeta, TContextOverrides>
  /**
   * The Flowglad customer for a request (user or organization), or null when signed out
   * (customer procedures then fail with UNAUTHORIZED before any upstream call).
   */
  readonly customer: (opts: {
    ctx: FlowgladProcedureContext<TContext, TMeta, TContextOverrides>
  }) => FlowgladCustomer | null | undefined | Promise<FlowgladCustomer | null | undefined>
  /**
   * What identifies one request, for sharing a billing read between its procedures. Defaults to
   * `ctx`, which tRPC passes unchanged to every procedure of one HTTP request/batch or `createCaller`,
   * unless middleware rebuilds it with `next({ ctx })`: then return an object that survives the
   * spread, e.g. `({ ctx }) => ctx.req`. (Concurrent reads are merged per customer either way.)
   */
  readonly requestKey?: (opts: {
    ctx: FlowgladProcedureContext<TContext, TMeta, TContextOverrides>
  }) => object
}

/** Just what building needs from a procedure builder, so the generic builder type stays out of the loop. */
interface UntypedBuilder {
  query(resolver: UntypedResolver): AnyTRPCProcedure
  mutation(resolver: UntypedResolver): AnyTRPCProcedure
}
/** What tRPC hands a resolver: the context, any input earlier procedures parsed, and the raw input. */
type UntypedResolver = (opts: {
  ctx: object
  input: unknown
  getRawInput: () => Promise<unknown>
}) => Promise<unknown>

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The raw input parsed by the handler's schema, exactly as tRPC's `.input(schema)` does it
 * (BAD_REQUEST with the schema's error as `cause`; merged over input an earlier `.input()` parsed).
 * Done here rather than with `.input()`: tRPC's input middleware (one more middleware level and
 * zod's asynchronous parse) cost about as much as the whole rest of the engine on a billing read
 * (bench/server/engine). The procedure types come from the handlers table, not from `.input()`.
 */
async function parsedInput(schema: z.ZodType, opts: Parameters<UntypedResolver>[0]): Promise<unknown> {
  const parsed = await parseInput(schema, await opts.getRawInput())
  if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error })
  return isObject(opts.input) && isObject(parsed.data) ? { ...opts.input, ...parsed.data } : parsed.data
}

/** How each kind of action becomes a procedure. */
const buildByKind: Record<
  ActionDefinition['kind'],
  (builder: UntypedBuilder, resolve: UntypedResolver) => AnyTRPCProcedure
> = {
  query: (builder, resolve) => builder.query(resolve),
  mutation: (builder, resolve) => builder.mutation(resolve),
}

/**
 * Builds the Flowglad router from the registry: one procedure per action, on the app's own
 * procedure and router, so it merges into the app's `AppRouter` with full inference.
 */
export function createFlowgladRouter<TRoot extends AnyTRPCRootTypes, TContext, TMeta, TContextOverrides>(
  options: CreateFlowgladRouterOptions<TRoot, TContext, TMeta, TContextOverrides>,
): FlowgladRouter<TRoot, TMeta> {
  const runtime = runtimeOf(options.flowglad)
  const base = options.procedure as unknown as UntypedBuilder
  const record = mapHandlers(
    (action, handler) =>
      buildByKind[action.kind](base, async (opts) => {
        const { ctx } = opts
        return runHandler(
          runtime,
          action,
          handler,
          async () => {
            const resolverOpts = { ctx } as Parameters<typeof options.customer>[0]
            const requestKey = options.requestKey?.(resolverOpts) ?? ctx
            // Once per request (shared with the gates given the same resolver).
            const customer = await resolveRequestCustomer(requestKey, options.customer, resolverOpts)
            return customer && createCustomerScope(runtime, customer, requestKey)
          },
          await parsedInput(handler.input, opts),
        )
      }),
    // Server-only actions never become procedures: no request can reach them.
    isProcedure,
  )
  return options.router(record) as unknown as FlowgladRouter<TRoot, TMeta>
}
