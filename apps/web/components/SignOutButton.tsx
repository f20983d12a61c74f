'use client'
import { useQueryClient } from '@tanstack/react-query'
import { useRouter } from 'next/navigation'
import { useTransition } from 'react'
import { authClient } from '@/client/authClient'

/** Signs out, drops every cached query (billing belongs to the old user) and goes home. */
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
          queryClient.clear()
          router.push('/')
          router.refresh()
        })
      }
    >
      Sign out
    </button>
  )
}
