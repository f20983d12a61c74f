'use client'
import { useState } from 'react'
import { trpc } from './trpc'

/** Creates a Flowglad checkout session for a price and sends the browser to its hosted page. */
export function useCheckout() {
  const create = trpc.flowglad.checkout.create.useMutation()
  const [redirecting, setRedirecting] = useState(false)
  return {
    isPending: create.isPending || redirecting,
    error: create.error?.message ?? null,
    start: (priceSlug: string) => {
      const origin = window.location.origin
      create.mutate(
        { priceSlug, successUrl: `${origin}/dashboard`, cancelUrl: `${origin}/pricing` },
        {
          onSuccess: ({ url }) => {
            setRedirecting(true)
            window.location.assign(url)
          },
        },
      )
    },
  }
}
