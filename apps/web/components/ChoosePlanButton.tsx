'use client'
import type { PriceSlug } from 'flowglad-trpc'
import Link from 'next/link'
import { checkoutUrls } from '@/client/checkoutUrls'
import { useCheckouts } from '@/client/flowglad'
import { useAction } from '@/client/useAction'

/** Starts checkout for a price; signed out, it sends the visitor to sign up first, then on to checkout. */
export function ChoosePlanButton({
  priceSlug,
  label,
  signedIn,
}: {
  priceSlug: PriceSlug
  label: string
  signedIn: boolean
}) {
  const { createCheckoutSession } = useCheckouts()
  const action = useAction()
  if (!signedIn) {
    // After sign-up the pricing page continues to this checkout (`ResumeCheckout`).
    const next = `/pricing?checkout=${encodeURIComponent(priceSlug)}`
    return (
      <Link
        href={`/sign-up?next=${encodeURIComponent(next)}`}
        className="button"
        data-testid={`choose-${priceSlug}`}
      >
        {label}
      </Link>
    )
  }
  return (
    <div className="stack">
      <button
        type="button"
        data-testid={`choose-${priceSlug}`}
        disabled={action.pending}
        onClick={() =>
          action.run(() =>
            createCheckoutSession({ priceSlug, ...checkoutUrls('/pricing', priceSlug), autoRedirect: true }),
          )
        }
      >
        {action.pending ? 'Opening checkout…' : label}
      </button>
      {action.error && (
        <p className="error-text" role="alert">
          {action.error}
        </p>
      )}
    </div>
  )
}
