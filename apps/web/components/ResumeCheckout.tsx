'use client'
import type { PriceSlug } from 'flowglad-trpc'
import { useEffect, useRef } from 'react'
import { checkoutUrls } from '@/client/checkoutUrls'
import { useCheckouts } from '@/client/flowglad'
import { useAction } from '@/client/useAction'

/**
 * Continues the checkout a visitor chose before signing up (`/pricing?checkout=<priceSlug>`): once
 * signed in, the pricing page renders this and it opens the hosted checkout at once. The parameter
 * is dropped from the address first, so coming back (Cancel, or Back) shows the pricing page
 * instead of starting checkout again.
 */
export function ResumeCheckout({ priceSlug, productName }: { priceSlug: PriceSlug; productName: string }) {
  const { createCheckoutSession } = useCheckouts()
  const action = useAction()
  const started = useRef(false)
  useEffect(() => {
    // Once per mount, also under React's development double effects.
    if (started.current) return
    started.current = true
    window.history.replaceState(null, '', window.location.pathname)
    action.run(() =>
      createCheckoutSession({ priceSlug, ...checkoutUrls('/pricing', priceSlug), autoRedirect: true }),
    )
  }, [action.run, createCheckoutSession, priceSlug])
  return (
    <section className="card" role="status" data-testid="resume-checkout">
      {action.error ? (
        <p className="error-text" role="alert">
          Could not open checkout for {productName}: {action.error}
        </p>
      ) : (
        <p>Opening checkout for {productName}…</p>
      )}
    </section>
  )
}
