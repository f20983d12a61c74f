// An app's tRPC fetch route as an edge function: the code `edgeRuntime.test.ts` bundles for a
// Web-only platform (no Node built-ins resolve) and runs in Vercel's edge-runtime. The Flowglad
// key and URL are compiled in (`define`), as an edge deployment's environment would provide them.
import { initTRPC } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { z } from 'zod/v4'
import {
  createFlowglad,
  createFlowgladMiddleware,
  createFlowgladRouter,
  createMemoryStore,
} from '../../src/server/index'

declare const FLOWGLAD_SECRET_KEY: string
declare const FLOWGLAD_BASE_URL: string

interface Context {
  userId: string | null
}

const t = initTRPC.context<Context>().create()
const flowglad = createFlowglad({
  apiKey: FLOWGLAD_SECRET_KEY,
  baseURL: FLOWGLAD_BASE_URL,
  allowedRedirectOrigins: ['https://app.test'],
  store: createMemoryStore(),
})
const customer = ({ ctx }: { ctx: Context }) =>
  ctx.userId ? { externalId: ctx.userId, email: `${ctx.userId}@example.com`, name: ctx.userId } : null
const billing = createFlowgladMiddleware({ flowglad, customer })

const appRouter = t.router({
  flowglad: createFlowgladRouter({ flowglad, router: t.router, procedure: t.procedure, customer }),
  callApi: t.procedure
    .input(z.object({ calls: z.number().int().min(1), idempotencyKey: z.string() }))
    .use(billing.spend<{ calls: number }>({ meter: 'api_calls', amount: ({ input }) => input.calls }))
    .mutation(({ input }) => ({ done: input.calls })),
})

addEventListener('fetch', (event) => {
  const fetchEvent = event as unknown as { request: Request; respondWith(response: Promise<Response>): void }
  fetchEvent.respondWith(
    fetchRequestHandler({
      endpoint: '/api/trpc',
      req: fetchEvent.request,
      router: appRouter,
      createContext: ({ req }) => ({ userId: req.headers.get('x-user') }),
    }),
  )
})
