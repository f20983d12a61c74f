// The reader's server-component helpers (`@/server/rsc`, `@/trpc/server`): tRPC's RSC setup.
import { QueryClient } from '@tanstack/react-query'
import { createHydrationHelpers } from '@trpc/react-query/rsc'
import { cache } from 'react'
import { type AppRouter, appRouter } from './index'
import { type Context, createCallerFactory } from './trpc'

/** One QueryClient per request. */
export const getQueryClient = cache(() => new QueryClient())
const createContext = cache(async (): Promise<Context> => ({ session: null, headers: new Headers() }))
/** The server-side caller. */
export const caller = createCallerFactory(appRouter)(createContext)
const helpers = createHydrationHelpers<AppRouter>(caller, getQueryClient)
/** `trpc.x.y.prefetch()` in server components. */
export const trpc = helpers.trpc
/** T3's name for the hydration helpers' proxy. */
export const api = helpers.trpc
/** Hands prefetched queries to the client. */
export const HydrateClient = helpers.HydrateClient
