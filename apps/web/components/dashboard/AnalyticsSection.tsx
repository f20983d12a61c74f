'use client'
import { describeFlowgladError } from 'flowglad-trpc'
import { useState } from 'react'
import { useBilling, useFeature } from '@/client/flowglad'
import { trpc } from '@/client/trpc'
import { CheckoutButton } from '@/components/CheckoutButton'
import { UpgradePrompt } from '@/components/UpgradePrompt'
import { planWithFeature } from '@/lib/billingOffers'
import { weeklySignups } from '@/lib/weeklySignups'

/** Saves a text file the browser received from a procedure. */
function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = Object.assign(document.createElement('a'), { href: url, download: filename })
  link.click()
  URL.revokeObjectURL(url)
}

/** The CSV export: the server's gate decides; its refusal names the plan that unlocks it. */
function ExportButton() {
  const utils = trpc.useUtils()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<unknown>(null)
  // One reader for refusals and upstream failures (flowglad-trpc's error model).
  const described = describeFlowgladError(error)
  const refusal = described?.refusal ?? null
  function exportCsv() {
    setPending(true)
    setError(null)
    utils.client.analytics.export
      .query()
      .then(({ filename, csv }) => download(filename, csv, 'text/csv'))
      .catch(setError)
      .finally(() => setPending(false))
  }
  return (
    <div className="stack">
      <p>
        <button
          type="button"
          className="secondary"
          data-testid="export-analytics"
          disabled={pending}
          onClick={exportCsv}
        >
          {pending ? 'Exporting…' : 'Download CSV'}
        </button>
      </p>
      {refusal ? (
        <UpgradePrompt refusal={refusal} />
      ) : (
        error instanceof Error && (
          <p className="error-text" role="alert">
            {described?.message ?? error.message}
          </p>
        )
      )}
    </div>
  )
}

const FEATURE = 'advanced_analytics'

/**
 * Locked: the card names the plan that includes it and its price up front, with the one action
 * that unlocks it (from the pricing model, so it never drifts from what checkout charges).
 */
function LockedAnalytics() {
  const billing = useBilling()
  const plan = billing.status === 'success' ? planWithFeature(billing.pricingModel, FEATURE) : null
  return (
    <section className="card locked stack" data-testid="analytics-locked">
      <h2>Advanced analytics</h2>
      <p data-testid="analytics-plan">
        {plan
          ? `Cohorts, funnels and CSV exports come with ${plan.productName} (${plan.price}).`
          : 'Cohorts, funnels and CSV exports are not on your plan.'}
      </p>
      {plan && (
        <div className="row">
          <CheckoutButton
            priceSlug={plan.priceSlug}
            testId="unlock-analytics"
            label={`Unlock with ${plan.productName}, ${plan.price}`}
          />
        </div>
      )}
    </section>
  )
}

/** A section only customers with the `advanced_analytics` toggle feature see (Pro). */
export function AnalyticsSection() {
  const { hasAccess, isLoading } = useFeature(FEATURE)
  if (isLoading) return <section className="card">Checking access…</section>
  if (!hasAccess) return <LockedAnalytics />
  const max = Math.max(...weeklySignups.map((point) => point.signups))
  return (
    <section className="card stack" data-testid="analytics-unlocked">
      <h2>Advanced analytics</h2>
      <p className="muted">Sign-ups per day, last 7 days</p>
      <div className="row bars">
        {weeklySignups.map(({ day, signups }) => (
          <span
            key={day}
            title={`${day}: ${signups}`}
            className="bar"
            style={{ height: `${(signups / max) * 100}%` }}
          />
        ))}
      </div>
      <ExportButton />
    </section>
  )
}
