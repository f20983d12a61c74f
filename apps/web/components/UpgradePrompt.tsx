'use client'
import { type FlowgladRefusal, flowgladErrorMessages, type RefusalOffer } from 'flowglad-trpc'
import type { ReactNode } from 'react'
import { checkoutUrls } from '@/client/checkoutUrls'
import { useCheckouts } from '@/client/flowglad'
import { useAction } from '@/client/useAction'
import { formatMoney } from '@/components/formatPrice'

type Refusal<R extends FlowgladRefusal['reason']> = Extract<FlowgladRefusal, { reason: R }>

/** One offer from the refusal as a checkout button ("Upgrade to Pro ($20)", "Buy Credit Top-Up ($10)"). */
function OfferButton({ offer, secondary }: { offer: RefusalOffer; secondary?: boolean }) {
  const { createCheckoutSession } = useCheckouts()
  const action = useAction()
  const verb = offer.priceType === 'subscription' ? 'Upgrade to' : 'Buy'
  const price = formatMoney(offer.unitPrice, offer.currency)
  const testId = `offer-${offer.priceSlug ?? offer.priceId}`
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
            createCheckoutSession({
              ...(offer.priceSlug ? { priceSlug: offer.priceSlug } : { priceId: offer.priceId }),
              ...checkoutUrls('/dashboard', offer.priceSlug),
              autoRedirect: true,
            }),
          )
        }
      >
        {action.pending ? 'Opening checkout…' : `${verb} ${offer.productName} (${price})`}
      </button>
      {action.error && (
        <span className="error-text" role="alert">
          {action.error}
        </span>
      )}
    </>
  )
}

/** What each refusal says and offers: every reason a gate can send has its own prompt. */
const prompts: { [R in FlowgladRefusal['reason']]: (refusal: Refusal<R>) => ReactNode } = {
  insufficient_balance: ({ balance, requested, topUps, plans }) => (
    <>
      <p>
        Out of API call credits: {balance} left, {requested} needed.
      </p>
      <div className="row">
        {topUps[0] && <OfferButton offer={topUps[0]} />}
        {plans[0] && <OfferButton offer={plans[0]} secondary />}
      </div>
    </>
  ),
  feature_locked: ({ currentPlan, unlockedBy }) => (
    <>
      <p>
        {unlockedBy[0] ? `This is part of ${unlockedBy[0].productName}` : 'Your plan does not include this'}
        {currentPlan ? `; you are on ${currentPlan.productName}.` : '.'}
      </p>
      {unlockedBy[0] && (
        <div className="row">
          <OfferButton offer={unlockedBy[0]} />
        </div>
      )}
    </>
  ),
  billing_unavailable: () => <p>Billing is unavailable right now; try again in a moment.</p>,
  duplicate_request: () => <p>{flowgladErrorMessages.duplicate_request}</p>,
  idempotency_key_reused: () => <p>{flowgladErrorMessages.idempotency_key_reused}</p>,
}

/**
 * The upgrade prompt for a billing gate's refusal (read with `getFlowgladRefusal`): out of credits
 * offers the top-up and the plan; a locked feature offers the plan that unlocks it.
 */
export function UpgradePrompt({ refusal }: { refusal: FlowgladRefusal }) {
  const render = prompts[refusal.reason] as (refusal: FlowgladRefusal) => ReactNode
  return (
    <div className="upgrade stack" role="alert" data-testid={`upgrade-prompt-${refusal.reason}`}>
      {render(refusal)}
    </div>
  )
}
