import { useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useEffect, useLayoutEffect, useRef } from 'react'
import { resetFlowgladCustomer } from './resetFlowgladCustomer'

// Layout effect: the reset lands before the browser paints the new customer's first frame.
const useBeforePaint = typeof window === 'undefined' ? useEffect : useLayoutEffect

/** Props of {@link FlowgladCustomerBoundary}. */
export interface FlowgladCustomerBoundaryProps {
  /** Who billing is for: the user or organization id, or null when signed out. */
  customerKey: string | null | undefined
  /** Where the Flowglad router is mounted (default `flowglad`). */
  path?: string
  children?: ReactNode
}

/** Resets the customer's Flowglad queries whenever `customerKey` changes (sign-out, org switch). */
export function FlowgladCustomerBoundary({ customerKey, path, children }: FlowgladCustomerBoundaryProps) {
  const queryClient = useQueryClient()
  const previous = useRef(customerKey)
  useBeforePaint(() => {
    if (previous.current === customerKey) return
    previous.current = customerKey
    void resetFlowgladCustomer(queryClient, { path })
  }, [customerKey, path, queryClient])
  return children
}
