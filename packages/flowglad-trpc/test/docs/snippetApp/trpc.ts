// The reader's tRPC setup as the docs assume it (`./trpc`, `~/server/api/trpc`): one file holds
// both the server instance and the classic React client, because the docs import either from it.
import { createTRPCReact } from '@trpc/react-query'
import { initTRPC, TRPCError } from '@trpc/server'
import type { AppRouter } from './index'

/** A signed-in user's session, Better Auth's shape. */
export interface Session {
  user: { id: string; email: string; name: string }
  session: { activeOrganizationId?: string | null }
}

/** The app's tRPC context. */
export interface Context {
  session: Session | null
  headers: Headers
}

/** The app's tRPC instance. */
export const t = initTRPC.context<Context>().create()
/** T3's name for `t.router`. */
export const createTRPCRouter = t.router
/** The app's base procedure. */
export const publicProcedure = t.procedure
/** A procedure that requires a session. */
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED' })
  return next({ ctx: { session: ctx.session } })
})
/** The caller factory. */
export const createCallerFactory = t.createCallerFactory
/** The classic React client. */
export const trpc = createTRPCReact<AppRouter>()
/** T3's name for the classic React client. */
export const api = trpc
