import { useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { removeFlowgladCustomer } from './resetFlowgladCustomer'

/** Props of {@link FlowgladCustomerBoundary}. */
export interface FlowgladCustomerBoundaryProps {
  /** Who billing is for: the user or organization id, or null when signed out. */
  customerKey: string | null | undefined
  /** Where the Flowglad router is mounted (default `flowglad`). */
  path?: string
  children?: ReactNode
}

/**
 * Forgets the previous customer's Flowglad queries whenever `customerKey` changes (sign-out,
 * switching user or organization). The public pricing model is kept.
 */
export function FlowgladCustomerBoundary({ customerKey, path, children }: FlowgladCustomerBoundaryProps) {
  const queryClient = useQueryClient()
  const [renderedKey, setRenderedKey] = useState(customerKey)
  if (renderedKey !== customerKey) {
    // During render, before any child renders: no frame ever shows the previous customer, and a
    // <HydrationBoundary> below that carries the new customer's server data (the same navigation)
    // hydrates into a cache already cleared, instead of being wiped and refetched after commit.
    // Removal, not reset: mounted hooks start over for the new customer on their own.
    removeFlowgladCustomer(queryClient, { path })
    setRenderedKey(customerKey)
  }
  return children
}
