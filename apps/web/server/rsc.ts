import 'server-only'
import { createHydrationHelpers } from '@trpc/react-query/rsc'
import { headers } from 'next/headers'
import { cache } from 'react'
import { makeQueryClient } from '@/client/makeQueryClient'
import { type AppRouter, appRouter } from './appRouter'
import { getSession } from './auth'
import { type Context, createCallerFactory } from './trpc'

/** One QueryClient per server request, so prefetches and HydrateClient see the same cache. */
export const getQueryClient = cache(makeQueryClient)

/** The signed-in session for the current request, read once per request. */
export const getRequestSession = cache(async () => getSession(await headers()))

// One context per request: layout, page and every procedure share the session read above.
const getContext = cache(async (): Promise<Context> => ({ session: await getRequestSession() }))

/** Server-side caller: the same procedures as /api/trpc, without HTTP. */
export const serverCaller = createCallerFactory(appRouter)(getContext)

/** `api.x.y.prefetch()` in server components, and the boundary that hydrates the client. */
export const { trpc: api, HydrateClient } = createHydrationHelpers<AppRouter>(serverCaller, getQueryClient)
