import { type Query, useQueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'
import { defineHook, type HookSignature } from './defineHook'
import { useFlowgladQueryBinding } from './flowgladQueryBinding'
import type { HooksContext } from './hooksContext'
import { customerQueryPredicate } from './resetFlowgladCustomer'

/** The current customer's Flowglad queries in the cache, keyed by the app's client. */
export interface FlowgladCustomerCache {
  /** True for a cached query holding the current customer's Flowglad data (not the public pricing model). */
  isCustomerQuery: (query: Query) => boolean
  /** Clears the customer's data and refetches what is mounted (e.g. after switching organization). */
  reset: () => Promise<void>
  /** Drops the customer's data without refetching (sign-out). */
  remove: () => void
}

/** `useCustomerCache()`: the current customer's cached Flowglad data, keyed by the client of `ctx`. */
export function useCustomerCache(ctx: HooksContext): FlowgladCustomerCache {
  const binding = useFlowgladQueryBinding(ctx.binding)
  const queryClient = useQueryClient()
  return useMemo(() => {
    const isCustomerQuery = customerQueryPredicate(binding.queryKey)
    return {
      isCustomerQuery,
      reset: () => queryClient.resetQueries({ predicate: isCustomerQuery }),
      remove: () => queryClient.removeQueries({ predicate: isCustomerQuery }),
    }
  }, [binding, queryClient])
}

/** Public signature of `useCustomerCache`, for the app's Flowglad types. */
export interface UseCustomerCache extends HookSignature {
  signature: () => FlowgladCustomerCache
}

/** Registry entry of `useCustomerCache`. */
export const useCustomerCacheHook = defineHook<UseCustomerCache>(useCustomerCache)
