// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { httpBatchLink } from '@trpc/client'
import { createTRPCReact } from '@trpc/react-query'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import type { ReactNode } from 'react'
import superjson from 'superjson'
import { afterEach, describe, expect, it } from 'vitest'
import { createFlowgladHooks } from '../../src/react/index'
import { type AppRouter, createTestApp, customerOf } from '../support/createTestApp'
import { alice, createQueryClient } from './support/createReactTestApp'

// An app can set global mutation behaviour on its classic client, e.g. tRPC's documented
// "invalidate everything after any mutation" (`overrides.useMutation.onSuccess`). Flowglad's
// writes are the app's mutations too, so the override must see them as it sees the app's own.

let emulator: Emulator | undefined
afterEach(async () => {
  cleanup()
  await emulator?.close()
})

describe("classic client: Flowglad's mutations honour createTRPCReact's overrides.useMutation", () => {
  it('runs the global onSuccess around the hook’s own invalidation, once per write', async () => {
    emulator = await createEmulator()
    const app = await createTestApp({ emulator })
    await app.flowglad.customers.findOrCreate(customerOf(alice))

    const overrideCalls: string[] = []
    const trpc = createTRPCReact<AppRouter>({
      overrides: {
        useMutation: {
          async onSuccess(opts) {
            overrideCalls.push('before')
            await opts.originalFn() // the hook's own invalidation
            overrideCalls.push('after')
          },
        },
      },
    })
    const queryClient = createQueryClient()
    const client = trpc.createClient({
      links: [
        httpBatchLink({
          url: 'http://app.test/api/trpc',
          transformer: superjson,
          fetch: (input, init) => app.handle(new Request(input, init), alice),
        }),
      ],
    })
    const wrapper = ({ children }: { children: ReactNode }) => (
      <trpc.Provider client={client} queryClient={queryClient}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </trpc.Provider>
    )
    const hooks = createFlowgladHooks(trpc)
    const view = renderHook(() => hooks.useBilling(), { wrapper })
    await waitFor(() => expect(view.result.current.status).toBe('success'))
    const billing = view.result.current
    if (billing.status !== 'success') throw new Error('not loaded')
    const before = billing.checkUsageBalance('api_calls')?.availableBalance ?? 0

    await act(() => billing.createUsageEvent({ usageMeterSlug: 'api_calls', amount: 2 }))

    expect(overrideCalls).toEqual(['before', 'after'])
    // originalFn is the hook's invalidation: billing was refetched before the mutation resolved.
    const after = view.result.current
    if (after.status !== 'success') throw new Error('not loaded')
    expect(after.checkUsageBalance('api_calls')?.availableBalance).toBe(before - 2)
  })
})
