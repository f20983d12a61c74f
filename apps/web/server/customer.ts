import 'server-only'
import type { FlowgladCustomer, FlowgladCustomerResolver } from 'flowglad-trpc/server'
import type { Session } from './auth'
import type { Context } from './trpc'

/** The Flowglad customer for a session: the app's user id is the customer's external id. */
export function customerOf(session: Session): FlowgladCustomer
export function customerOf(session: Session | null): FlowgladCustomer | null
export function customerOf(session: Session | null): FlowgladCustomer | null {
  return session ? { externalId: session.user.id, email: session.user.email, name: session.user.name } : null
}

/**
 * The one customer resolver of the router and the gates. Being the same function, with the same
 * request key, one HTTP request resolves its customer once for every `flowglad.*` procedure and gate.
 */
export const resolveCustomer: FlowgladCustomerResolver<Context> = ({ ctx }) => customerOf(ctx.session)

/**
 * The request's key for per-request memos: the session object, which `protectedProcedure` carries
 * over when it rebuilds `ctx` (the rebuilt `ctx` is a new object, the session is not).
 */
export const requestKey = ({ ctx }: { ctx: Context }): object => ctx.session ?? ctx
