import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query'
import superjson from 'superjson'

/** One QueryClient recipe for server components (per request) and the browser (per tab). */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data prefetched by a server component is fresh when the page hydrates, so the
        // first paint costs no /api/trpc request.
        staleTime: 30_000,
      },
      dehydrate: {
        serializeData: superjson.serialize,
        // Stream queries that are still pending too, so a slow read doesn't block the page.
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  })
}
