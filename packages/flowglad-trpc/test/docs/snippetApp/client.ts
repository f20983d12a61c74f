// `@/trpc/client`: the `@trpc/tanstack-react-query` context, as tRPC's App Router guide sets it up.
import { createTRPCContext } from '@trpc/tanstack-react-query'
import type { AppRouter } from './index'

/** The TanStack tRPC client's provider and hook. */
export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>()
