import { type Query, useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import type { FlowgladCustomerCache } from './FlowgladHooks'
import { type FlowgladRouterKeys, isCustomerQuery } from './resetFlowgladCustomer'

/** Props of {@link FlowgladCustomerBoundary}. */
export interface FlowgladCustomerBoundaryProps {
  /** Who billing is for: the user or organization id, or null when signed out. */
  customerKey: string | null | undefined
  /** The hooks of `createFlowgladHooks(...)`: their client's keys find the customer's queries (preferred). */
  hooks?: { useCustomerCache: () => FlowgladCustomerCache }
  /** Or the app's Flowglad sub-router (`useTRPC().flowglad`, or `trpc.useUtils().flowglad` on the classic client). */
  router?: FlowgladRouterKeys
  /** @deprecated pass `hooks` or `router`. Mount path (default `flowglad`), classic client without `keyPrefix`. */
  path?: string
  children?: ReactNode
}

/** Shared by the standalone boundary and the one `createFlowgladHooks` binds to its client. */
export function useCustomerSwitch(
  customerKey: string | null | undefined,
  isCustomer: (query: Query) => boolean,
) {
  const queryClient = useQueryClient()
  const [renderedKey, setRenderedKey] = useState(customerKey)
  if (renderedKey !== customerKey) {
    // During render, before any child renders: no frame ever shows the previous customer, and a
    // <HydrationBoundary> below that carries the new customer's server data (the same navigation)
    // hydrates into a cache already cleared, instead of being wiped and refetched after commit.
    // Removal, not reset: mounted hooks start over for the new customer on their own.
    queryClient.removeQueries({ predicate: isCustomer })
    setRenderedKey(customerKey)
  }
}

/**
 * Forgets the previous customer's Flowglad queries whenever `customerKey` changes (sign-out,
 * switching user or organization). The public pricing model is kept.
 */
export function FlowgladCustomerBoundary({
  customerKey,
  router,
  path,
  children,
}: FlowgladCustomerBoundaryProps) {
  useCustomerSwitch(customerKey, (query) => isCustomerQuery(query, router ?? { path }))
  return children
}
