'use client'
import { useState } from 'react'
import { useBilling, useSubscription } from '@/client/flowglad'
import { trpc } from '@/client/trpc'
import { useAction } from '@/client/useAction'
import { useReturnUrl } from '@/client/useReturnUrl'
import { CheckoutButton } from '@/components/CheckoutButton'
import { formatDate } from '@/components/formatDate'
import { planOffer } from '@/lib/billingOffers'
import { CancelSubscriptionButton } from './CancelSubscriptionButton'

const METER = 'api_calls'

/** The billing portal link; the emulator's portal links back to the dashboard. */
function BillingPortalLink({ url }: { url: string }) {
  const href = useReturnUrl(url, '/dashboard')
  return (
    <a href={href} className="button secondary" data-testid="billing-portal">
      Billing portal
    </a>
  )
}

/** Current plan, with upgrade (hosted checkout), cancel (asks first) and uncancel. */
export function PlanSection() {
  const billing = useBilling()
  const { subscription, cancel, uncancel } = useSubscription()
  const utils = trpc.useUtils()
  const action = useAction()
  // A plan change stays pending until billing has been read again, so the badge goes straight
  // from "Canceling…" to "Cancels <date>", never back to "active" for a frame in between.
  const [changing, setChanging] = useState<'cancel' | 'uncancel' | null>(null)
  const changePlan = (kind: 'cancel' | 'uncancel', change: () => Promise<unknown>) => {
    setChanging(kind)
    action.run(async () => {
      await change()
      await utils.flowglad.invalidate()
    })
  }
  const pending = action.pending ? changing : null
  if (!billing.loaded) return <section className="card">Loading your plan…</section>
  if (billing.status === 'error') {
    return (
      <section className="card error" role="alert">
        Could not load billing: {billing.error.message}
      </section>
    )
  }
  const priceId = subscription?.subscriptionItems[0]?.priceId
  const product = billing.pricingModel.products.find((candidate) =>
    candidate.prices.some((price) => price.id === priceId),
  )
  const isFree = !product || product.default
  const scheduled = subscription?.status === 'cancellation_scheduled'
  const currentPriceIds = new Set(subscription?.subscriptionItems.map((item) => item.priceId) ?? [])
  const upgrade = isFree ? planOffer(billing.pricingModel, METER, currentPriceIds) : null

  return (
    <section className="card stack">
      <div className="row">
        <h2>Your plan</h2>
        <strong data-testid="current-plan">{product?.name ?? 'None'}</strong>
        {pending ? (
          <span className="badge" role="status" data-testid="plan-pending">
            {pending === 'cancel' ? 'Canceling…' : 'Keeping your plan…'}
          </span>
        ) : scheduled ? (
          <span className="badge warn" data-testid="cancellation-scheduled">
            Cancels {formatDate(subscription.cancelScheduledAt)}
          </span>
        ) : (
          subscription && <span className="badge ok">{subscription.status}</span>
        )}
      </div>
      {subscription && !isFree && (
        <p className="muted">Current period ends {formatDate(subscription.currentBillingPeriodEnd)}.</p>
      )}
      <div className="row">
        {isFree ? (
          upgrade && (
            <CheckoutButton
              priceSlug={upgrade.priceSlug}
              testId="upgrade-pro"
              label={`Upgrade to ${upgrade.productName}, ${upgrade.price}`}
            />
          )
        ) : scheduled ? (
          <button
            type="button"
            data-testid="uncancel-subscription"
            disabled={action.pending}
            onClick={() => changePlan('uncancel', () => uncancel())}
          >
            {pending === 'uncancel' ? 'Keeping…' : 'Keep my subscription'}
          </button>
        ) : (
          <CancelSubscriptionButton
            planName={product?.name ?? 'your plan'}
            endsOn={formatDate(subscription?.currentBillingPeriodEnd)}
            pending={action.pending}
            onConfirm={() =>
              changePlan('cancel', () =>
                cancel({ cancellation: { timing: 'at_end_of_current_billing_period' } }),
              )
            }
          />
        )}
        {billing.billingPortalUrl && <BillingPortalLink url={billing.billingPortalUrl} />}
      </div>
      {action.error && (
        <p className="error-text" role="alert">
          {action.error}
        </p>
      )}
    </section>
  )
}
