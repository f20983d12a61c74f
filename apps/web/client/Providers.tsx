'use client'
import { QueryClientProvider } from '@tanstack/react-query'
import { httpBatchLink } from '@trpc/client'
import { FlowgladCustomerBoundary } from 'flowglad-trpc/react'
import { type ReactNode, useState } from 'react'
import superjson from 'superjson'
import { makeQueryClient } from './makeQueryClient'
import { trpc } from './trpc'

/** Props of {@link Providers}. */
export interface ProvidersProps {
  /** The signed-in user's id (the Flowglad customer's external id), null when signed out. */
  userId: string | null
  children: ReactNode
}

/**
 * The app's QueryClient and tRPC client, shared by the app's hooks and Flowglad's. The customer
 * boundary drops the previous user's cached billing before the next user's first paint, however
 * the session changed (sign-out, sign-in as someone else, a session ended in another tab).
 */
export function Providers({ userId, children }: ProvidersProps) {
  const [queryClient] = useState(makeQueryClient)
  const [trpcClient] = useState(() =>
    trpc.createClient({ links: [httpBatchLink({ url: '/api/trpc', transformer: superjson, maxItems: 20 })] }),
  )
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <FlowgladCustomerBoundary customerKey={userId}>{children}</FlowgladCustomerBoundary>
      </QueryClientProvider>
    </trpc.Provider>
  )
}
