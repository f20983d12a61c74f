'use client'
import { useEffect, useRef, useState } from 'react'
import { useBilling } from '@/client/flowglad'
import { formatPrice } from '@/components/formatPrice'
import { creditGrant, findPrice, formatCount } from '@/lib/billingOffers'

const METER = 'api_calls'

/** The `?paid=<price slug>` a checkout's success URL carries (see checkoutUrls), read once. */
function usePaidSlug(): [string | null, () => void] {
  const [paid, setPaid] = useState<string | null>(null)
  useEffect(() => {
    const url = new URL(window.location.href)
    const slug = url.searchParams.get('paid')
    if (!slug) return
    setPaid(slug)
    // A reload or Back must not confirm the same payment twice.
    url.searchParams.delete('paid')
    window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`)
  }, [])
  return [paid, () => setPaid(null)]
}

/**
 * After every hosted checkout: what was paid, and what it changed, once billing shows it (the
 * plan is current, or the purchase is paid); until then, that the payment is being confirmed.
 */
export function PaymentConfirmation() {
  const [paid, dismiss] = usePaidSlug()
  const billing = useBilling()
  const panel = useRef<HTMLDivElement>(null)
  const found = paid && billing.status === 'success' ? findPrice(billing.pricingModel, paid) : null
  // Focus once, when the confirmation appears (not on every later render of the dashboard).
  const shown = found !== null
  useEffect(() => {
    if (shown) panel.current?.focus()
  }, [shown])
  if (!found || billing.status !== 'success') return null
  const { product, price } = found
  const confirmed =
    price.type === 'subscription'
      ? (billing.currentSubscriptions ?? []).some((s) =>
          s.subscriptionItems.some((i) => i.priceId === price.id),
        )
      : (billing.purchases ?? []).some((p) => p.priceId === price.id && p.status === 'paid')
  const added = creditGrant(billing.pricingModel, product, METER, 'once')
  const monthly = creditGrant(billing.pricingModel, product, METER, 'every_billing_period')
  const detail =
    price.type === 'subscription'
      ? `You are on ${product.name} now${monthly > 0 ? `: ${formatCount(monthly)} API calls every period` : ''}.`
      : added > 0
        ? `${formatCount(added)} API calls added; they do not expire.`
        : ''
  return (
    <div
      ref={panel}
      tabIndex={-1}
      className="card success stack"
      role="status"
      data-testid="payment-confirmation"
    >
      <p>
        {confirmed ? (
          <>
            <strong>
              Payment received: {product.name}, {formatPrice(price)}.
            </strong>{' '}
            {detail}
          </>
        ) : (
          `Payment for ${product.name} received; waiting for Flowglad to confirm it.`
        )}
      </p>
      <div className="row">
        <button type="button" className="secondary" data-testid="dismiss-confirmation" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    </div>
  )
}
