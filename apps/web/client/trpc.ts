import { createTRPCReact } from '@trpc/react-query'
import type { AppRouter } from '@/server/appRouter'

/** The app's typed tRPC React client. */
export const trpc = createTRPCReact<AppRouter>()
