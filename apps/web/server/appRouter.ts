import 'server-only'
import { analyticsRouter } from './routers/analytics'
import { flowgladRouter } from './routers/billing'
import { notesRouter } from './routers/notes'
import { usageRouter } from './routers/usage'
import { router } from './trpc'

/** The app's whole API: its own routers next to Flowglad's. */
export const appRouter = router({
  notes: notesRouter,
  usage: usageRouter,
  analytics: analyticsRouter,
  flowglad: flowgladRouter,
})

/** The router's type, the only thing the client imports from the server. */
export type AppRouter = typeof appRouter
