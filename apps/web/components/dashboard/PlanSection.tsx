'use client'
import { checkoutUrls } from '@/client/checkoutUrls'
import { useBilling, useCheckouts, useSubscription } from '@/client/flowglad'
import { useAction } from '@/client/useAction'
import { useReturnUrl } from '@/client/useReturnUrl'
import { CancelSubscriptionButton } from './CancelSubscriptionButton'

const PRO_PRICE = 'pro_monthly'

function formatDate(value: string | number | null | undefined): string {
  return value ? new Date(value).toLocaleDateString('en-US', { dateStyle: 'medium' }) : '—'
}

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
  const { createCheckoutSession } = useCheckouts()
  const action = useAction()
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

  return (
    <section className="card stack">
      <div className="row">
        <h2>Your plan</h2>
        <strong data-testid="current-plan">{product?.name ?? 'None'}</strong>
        {scheduled ? (
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
          <button
            type="button"
            data-testid="upgrade-pro"
            disabled={action.pending}
            onClick={() =>
              action.run(() =>
                createCheckoutSession({
                  priceSlug: PRO_PRICE,
                  ...checkoutUrls('/dashboard'),
                  autoRedirect: true,
                }),
              )
            }
          >
            {action.pending ? 'Opening checkout…' : 'Upgrade to Pro'}
          </button>
        ) : scheduled ? (
          <button
            type="button"
            data-testid="uncancel-subscription"
            disabled={action.pending}
            onClick={() => action.run(() => uncancel())}
          >
            Keep my subscription
          </button>
        ) : (
          <CancelSubscriptionButton
            planName={product?.name ?? 'your plan'}
            endsOn={formatDate(subscription?.currentBillingPeriodEnd)}
            pending={action.pending}
            onConfirm={() =>
              action.run(() => cancel({ cancellation: { timing: 'at_end_of_current_billing_period' } }))
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
