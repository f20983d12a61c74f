'use client'
import Link from 'next/link'
import { useCheckout } from '@/client/useCheckout'

/** Starts checkout for a price; signed out, it sends the visitor to sign up first. */
export function ChoosePlanButton({
  priceSlug,
  label,
  signedIn,
}: {
  priceSlug: string
  label: string
  signedIn: boolean
}) {
  const checkout = useCheckout()
  if (!signedIn) {
    return (
      <Link href="/sign-up?next=/pricing" className="button" data-testid={`choose-${priceSlug}`}>
        {label}
      </Link>
    )
  }
  return (
    <div className="stack">
      <button
        type="button"
        data-testid={`choose-${priceSlug}`}
        disabled={checkout.isPending}
        onClick={() => checkout.start(priceSlug)}
      >
        {checkout.isPending ? 'Opening checkout…' : label}
      </button>
      {checkout.error && (
        <p className="error-text" role="alert">
          {checkout.error}
        </p>
      )}
    </div>
  )
}
