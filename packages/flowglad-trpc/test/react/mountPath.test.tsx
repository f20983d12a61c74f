// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { httpBatchLink } from '@trpc/client'
import { createTRPCReact } from '@trpc/react-query'
import { initTRPC } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createFlowgladHooks, removeFlowgladCustomer, resetFlowgladCustomer } from '../../src/react/index'
import { createFlowglad, createFlowgladRouter } from '../../src/server/index'

// An app that mounts Flowglad somewhere else (`account.billing`) and uses no transformer.

const t = initTRPC.create({ isServer: true })
function buildRouter(emulator: Emulator) {
  const flowglad = createFlowglad({ apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch })
  const billing = createFlowgladRouter({
    flowglad,
    router: t.router,
    procedure: t.procedure,
    customer: () => ({ externalId: 'user_nested', email: 'nested@example.com', name: 'Nested' }),
  })
  return t.router({ account: t.router({ billing }) })
}
type NestedRouter = ReturnType<typeof buildRouter>
const trpc = createTRPCReact<NestedRouter>()

let emulator: Emulator
let queryClient: QueryClient
let paths: string[]
let wrapper: (props: { children: ReactNode }) => ReactNode
beforeEach(async () => {
  emulator = await createEmulator({ listen: false })
  const router = buildRouter(emulator)
  paths = []
  queryClient = new QueryClient()
  const client = trpc.createClient({
    links: [
      httpBatchLink({
        url: 'http://app.test/trpc',
        fetch: (input, init) => {
          const req = new Request(input, init)
          paths.push(...new URL(req.url).pathname.replace('/trpc/', '').split(','))
          return fetchRequestHandler({ endpoint: '/trpc', req, router, createContext: () => ({}) })
        },
      }),
    ],
  })
  wrapper = ({ children }) => (
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  )
})
afterEach(async () => {
  cleanup()
  await emulator.close()
})

it('reads, invalidates and resets under the sub-router the app mounted: trpc.account.billing for the hooks, utils.account.billing for a reset', async () => {
  const hooks = createFlowgladHooks(trpc, { router: (root) => root.account.billing })
  const { result } = renderHook(
    () => ({ utils: trpc.useUtils(), billing: hooks.useBilling(), pricing: hooks.usePricingModel() }),
    { wrapper },
  )
  await waitFor(() => expect(result.current.billing.status).toBe('success'))
  await waitFor(() => expect(result.current.pricing).not.toBeNull())
  expect(paths.sort()).toEqual(['account.billing.billing.get', 'account.billing.pricing.default'])

  const billing = result.current.billing
  if (billing.status !== 'success') throw new Error('not loaded')
  await act(() => billing.createUsageEvent({ usageMeterSlug: 'api_calls' }))
  expect(paths.slice(2)).toEqual(['account.billing.usageEvents.create', 'account.billing.billing.get'])

  await act(() => resetFlowgladCustomer(queryClient, result.current.utils.account.billing))
  expect(paths.slice(4)).toEqual(['account.billing.billing.get'])
})

it('refuses a mount path where the sub-router belongs (the `path` option is gone in 0.x)', () => {
  const removedPathOption = { path: 'account.billing' } as never
  expect(() => resetFlowgladCustomer(queryClient, removedPathOption)).toThrow(TypeError)
  expect(() => removeFlowgladCustomer(queryClient, removedPathOption)).toThrow(/sub-router/)
})
