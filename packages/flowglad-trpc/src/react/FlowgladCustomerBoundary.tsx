import { type Query, useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { type FlowgladRouterKeys, isCustomerQuery } from './resetFlowgladCustomer'
import type { FlowgladCustomerCache } from './useCustomerCache'

/** Props of {@link FlowgladCustomerBoundary}. */
export interface FlowgladCustomerBoundaryProps {
  /** Who billing is for: the user or organization id, or null when signed out. */
  customerKey: string | null | undefined
  /** The hooks of `createFlowgladHooks(...)`: their client's keys find the customer's queries (preferred). */
  hooks?: { useCustomerCache: () => FlowgladCustomerCache }
  /** Or the app's Flowglad sub-router (`useTRPC().flowglad`, or `trpc.useUtils().flowglad` on the classic client). */
  router?: FlowgladRouterKeys
  children?: ReactNode
}

/** Removes the customer's queries during the render in which `customerKey` changes. */
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
  hooks,
  router,
  children,
}: FlowgladCustomerBoundaryProps) {
  // One hook call either way (a component keeps the same `hooks` prop for its lifetime).
  const cache = (hooks ?? withoutHooks).useCustomerCache()
  const byRouter = (query: Query) => isCustomerQuery(query, router)
  useCustomerSwitch(customerKey, cache?.isCustomerQuery ?? byRouter)
  return children
}

const withoutHooks = { useCustomerCache: (): FlowgladCustomerCache | null => null }
