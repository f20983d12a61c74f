'use client'
import { describeFlowgladError } from 'flowglad-trpc'
import { useBilling, useUsageMeter } from '@/client/flowglad'
import { trpc } from '@/client/trpc'
import { CheckoutButton } from '@/components/CheckoutButton'
import { formatDate } from '@/components/formatDate'
import { UpgradePrompt } from '@/components/UpgradePrompt'
import { formatCount, planOffer, topUpLabel, topUpOffer } from '@/lib/billingOffers'
import { creditBreakdown } from '@/lib/creditBreakdown'

const METER = 'api_calls'
const CALLS_PER_CLICK = 10

/** The offers for more credits, from the pricing model: the top-up, and the plan if not on it. */
function MoreCredits({ currentPriceIds }: { currentPriceIds: ReadonlySet<string | null> }) {
  const billing = useBilling()
  if (billing.status !== 'success') return null
  const topUp = topUpOffer(billing.pricingModel, METER)
  const plan = planOffer(billing.pricingModel, METER, currentPriceIds)
  return (
    <div className="row">
      {topUp && (
        <CheckoutButton priceSlug={topUp.priceSlug} testId="buy-top-up" label={`Buy ${topUpLabel(topUp)}`} />
      )}
      {plan && (
        <CheckoutButton
          priceSlug={plan.priceSlug}
          testId="upgrade-for-credits"
          secondary
          label={`${plan.productName}: ${formatCount(plan.calls)} calls every month, ${plan.price}`}
        />
      )}
    </div>
  )
}

/**
 * The `api_calls` balance explained: what is left, the plan's allowance and when it resets,
 * top-up credits apart (they do not expire), and an action that spends credits through the
 * app's own procedure. Out of credits, the action says so before it is clicked and offers more.
 */
export function UsageSection() {
  const billing = useBilling()
  const { usageMeter, isLoading } = useUsageMeter(METER)
  const utils = trpc.useUtils()
  const callApi = trpc.usage.callApi.useMutation({
    // The app's procedure wrote usage upstream: refresh the Flowglad reads it affects.
    onSuccess: () => utils.flowglad.invalidate(),
    // A refusal means the balance shown was stale: refresh it too.
    onError: () => utils.flowglad.invalidate(),
  })
  // The server decides (the `spend` gate); a refusal says what is left and what would top it up.
  // One reader for refusals and upstream failures (flowglad-trpc's error model).
  const described = describeFlowgladError(callApi.error)
  const refusal = described?.refusal ?? null
  // Out of credits, the card's own offers answer it (one set of buttons, not a second prompt).
  const shortBy = refusal?.reason === 'insufficient_balance' ? refusal : null
  if (isLoading || !billing.loaded) {
    return (
      <section className="card stack">
        <h2>API calls</h2>
        <p>Loading balance…</p>
      </section>
    )
  }
  if (billing.status === 'error') {
    return (
      <section className="card stack">
        <h2>API calls</h2>
        <p className="error-text">Could not load the balance: {billing.error.message}</p>
      </section>
    )
  }
  const available = usageMeter?.availableBalance ?? 0
  const credits = creditBreakdown(billing, METER, available)
  const outOfCredits = available < CALLS_PER_CLICK

  return (
    <section className="card stack" data-testid="usage-card">
      <h2>API calls</h2>
      <p>
        <strong className="price" data-testid="usage-balance">
          {formatCount(available)}
        </strong>{' '}
        <span className="muted">calls left</span>
      </p>
      <meter
        className="usage-bar"
        aria-label="API calls left"
        min={0}
        max={Math.max(credits.capacity, 1)}
        value={Math.max(available, 0)}
        data-testid="usage-bar"
      />
      <ul className="plain muted">
        <li data-testid="usage-allowance">
          {credits.allowance > 0
            ? `Plan allowance: ${formatCount(credits.allowanceLeft)} of ${formatCount(credits.allowance)} left this period`
            : 'Your plan includes no API calls'}
          {credits.resetsAt !== null && `, resets ${formatDate(credits.resetsAt)}`}
        </li>
        {credits.topUpLeft > 0 && (
          <li data-testid="usage-top-up">
            Top-up credits: {formatCount(credits.topUpLeft)} (they do not expire; used after the allowance)
          </li>
        )}
      </ul>
      {(outOfCredits || shortBy) && (
        <div className="upgrade stack" role={shortBy ? 'alert' : undefined} data-testid="out-of-credits">
          <p>
            {shortBy
              ? `Not enough API calls: ${formatCount(shortBy.balance)} left, ${formatCount(shortBy.requested)} needed.`
              : `Out of API calls: ${formatCount(available)} left, ${CALLS_PER_CLICK} needed for the next run.`}
          </p>
          <MoreCredits currentPriceIds={credits.currentPriceIds} />
        </div>
      )}
      <div className="row">
        <button
          type="button"
          data-testid="consume-usage"
          disabled={callApi.isPending || outOfCredits}
          // One key per click: if the request is retried, the credits are spent once.
          onClick={() => callApi.mutate({ calls: CALLS_PER_CLICK, idempotencyKey: crypto.randomUUID() })}
        >
          {callApi.isPending
            ? 'Calling…'
            : outOfCredits
              ? `Not enough calls left for ${CALLS_PER_CLICK}`
              : `Make ${CALLS_PER_CLICK} API calls`}
        </button>
      </div>
      {refusal && !shortBy ? (
        <UpgradePrompt refusal={refusal} />
      ) : (
        !refusal &&
        callApi.error && (
          <p className="error-text" role="alert">
            {described?.message ?? callApi.error.message}
          </p>
        )
      )}
    </section>
  )
}
