'use client'
import type { PriceSlug } from 'flowglad-trpc'
import { checkoutUrls } from '@/client/checkoutUrls'
import { useCheckouts } from '@/client/flowglad'
import { useAction } from '@/client/useAction'

/** Props of {@link CheckoutButton}. */
export interface CheckoutButtonProps {
  priceSlug: PriceSlug
  /** What the click buys, with its price ("Buy 500 calls for $10"). */
  label: string
  testId: string
  secondary?: boolean
  /** Where the hosted checkout's Cancel returns to. */
  cancelPath?: string
}

/** Opens Flowglad's hosted checkout for a price; on success the dashboard confirms the payment. */
export function CheckoutButton({
  priceSlug,
  label,
  testId,
  secondary,
  cancelPath = '/dashboard',
}: CheckoutButtonProps) {
  const { createCheckoutSession } = useCheckouts()
  const action = useAction()
  return (
    <>
      <button
        type="button"
        className={secondary ? 'secondary' : undefined}
        data-testid={testId}
        disabled={action.pending}
        onClick={() =>
          action.run(() =>
            // From the free plan, a paid plan is bought through checkout (Flowglad refuses to adjust
            // the free default plan); a top-up is a one-off purchase on top of any plan.
            createCheckoutSession({ priceSlug, ...checkoutUrls(cancelPath, priceSlug), autoRedirect: true }),
          )
        }
      >
        {action.pending ? 'Opening checkout…' : label}
      </button>
      {action.error && (
        <span className="error-text" role="alert">
          {action.error}
        </span>
      )}
    </>
  )
}
