'use client'
import { useQueryClient } from '@tanstack/react-query'
import { getQueryKey } from '@trpc/react-query'
import { removeFlowgladCustomer } from 'flowglad-trpc/react'
import { useRouter } from 'next/navigation'
import { useTransition } from 'react'
import { authClient } from '@/client/authClient'
import { trpc } from '@/client/trpc'

/**
 * Signs out and goes home, dropping the user's cached data first: their billing
 * and their notes. Removed, not reset: a reset would refetch the still-mounted dashboard as nobody.
 * Any other change of user (a new sign-in in this tab) is caught by the customer boundary in `Providers`.
 */
export function SignOutButton() {
  const router = useRouter()
  const queryClient = useQueryClient()
  const [pending, startTransition] = useTransition()
  return (
    <button
      type="button"
      className="link"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await authClient.signOut()
          removeFlowgladCustomer(queryClient)
          queryClient.removeQueries({ queryKey: getQueryKey(trpc.notes) })
          router.push('/')
          router.refresh()
        })
      }
    >
      Sign out
    </button>
  )
}
