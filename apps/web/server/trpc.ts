import 'server-only'
import { initTRPC, TRPCError } from '@trpc/server'
import { flowgladErrorData } from 'flowglad-trpc/server'
import superjson from 'superjson'
import { ZodError, z } from 'zod'
import { getSession, type Session } from './auth'

/** What every procedure sees: the Better Auth session (null when signed out). */
export interface Context {
  session: Session | null
}

/** Builds the context from request headers (route handler and server-component caller alike). */
export async function createContext({ headers }: { headers: Headers }): Promise<Context> {
  return { session: await getSession(headers) }
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // Validation failures carry the zod issues so forms and tests can show what was wrong; a billing
    // gate's refusal carries what was refused and what unlocks it (`getFlowgladRefusal` reads it).
    const zodError = error.cause instanceof ZodError ? z.treeifyError(error.cause) : null
    return { ...shape, data: { ...shape.data, zodError, ...flowgladErrorData(error) } }
  },
})

/** The app's tRPC router builder. */
export const router = t.router
/** Caller factory for server components and server-side calls. */
export const createCallerFactory = t.createCallerFactory
/** Base procedure: open to everyone. */
export const publicProcedure = t.procedure
/** Procedure for signed-in users; narrows `ctx.session` to non-null. */
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' })
  return next({ ctx: { session: ctx.session } })
})
