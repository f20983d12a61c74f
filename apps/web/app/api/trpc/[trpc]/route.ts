import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { appRouter } from '@/server/appRouter'
import { createContext } from '@/server/trpc'

function handler(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    // Bounds one HTTP request's upstream cost: at most 20 procedures per batch (the client's `maxItems`
    // matches), each within the library's per-request caps (README, Security).
    maxBatchSize: 20,
    createContext: () => createContext({ headers: req.headers }),
    onError({ path, error }) {
      // Client errors are the caller's business; anything else is ours and goes to the log.
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${path ?? '?'} failed`, error)
    },
  })
}

export { handler as GET, handler as POST }
