import 'server-only'
import { createHydrationHelpers } from '@trpc/react-query/rsc'
import { headers } from 'next/headers'
import { cache } from 'react'
import { makeQueryClient } from '@/client/makeQueryClient'
import { type AppRouter, appRouter } from './appRouter'
import { createCallerFactory, createContext } from './trpc'

/** One QueryClient per server request, so prefetches and HydrateClient see the same cache. */
export const getQueryClient = cache(makeQueryClient)

// One context per request: the session is read once however many procedures a page calls.
const getContext = cache(async () => createContext({ headers: await headers() }))

/** Server-side caller: the same procedures as /api/trpc, without HTTP. */
export const serverCaller = createCallerFactory(appRouter)(getContext)

/** `api.x.y.prefetch()` in server components, and the boundary that hydrates the client. */
export const { trpc: api, HydrateClient } = createHydrationHelpers<AppRouter>(serverCaller, getQueryClient)
