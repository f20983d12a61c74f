'use client'
import { useState } from 'react'

/** Props of {@link CancelSubscriptionButton}. */
export interface CancelSubscriptionButtonProps {
  /** The plan being canceled, named in the question. */
  planName: string
  /** When the plan ends if canceled now (formatted). */
  endsOn: string
  pending: boolean
  onConfirm: () => void
}

/** "Cancel at period end", which asks first: one click must not end a paid plan. */
export function CancelSubscriptionButton({
  planName,
  endsOn,
  pending,
  onConfirm,
}: CancelSubscriptionButtonProps) {
  const [asking, setAsking] = useState(false)
  if (!asking) {
    return (
      <button
        type="button"
        className="danger"
        data-testid="cancel-subscription"
        disabled={pending}
        onClick={() => setAsking(true)}
      >
        Cancel at period end
      </button>
    )
  }
  return (
    <div
      className="confirm stack"
      role="alertdialog"
      aria-labelledby="cancel-question"
      data-testid="cancel-confirm"
    >
      <p id="cancel-question">
        Cancel {planName}? You keep it until {endsOn}, then move to the free plan.
      </p>
      <div className="row">
        <button
          type="button"
          className="danger"
          data-testid="confirm-cancel"
          disabled={pending}
          onClick={() => {
            setAsking(false)
            onConfirm()
          }}
        >
          Yes, cancel {planName}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="keep-subscription"
          onClick={() => setAsking(false)}
        >
          Keep {planName}
        </button>
      </div>
    </div>
  )
}
