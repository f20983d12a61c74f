'use client'
import { useEffect, useRef, useState } from 'react'

/** Props of {@link CancelSubscriptionButton}. */
export interface CancelSubscriptionButtonProps {
  /** The plan being canceled, named in the question. */
  planName: string
  /** When the plan ends if canceled now (formatted). */
  endsOn: string
  /** The cancel request (and the billing read after it) is in flight. */
  pending: boolean
  onConfirm: () => void
}

/**
 * "Cancel at period end", which asks first: one click must not end a paid plan. The question
 * takes focus when it opens, Escape closes it (focus back on the button), and it stays open,
 * saying "Canceling…", until the cancellation is on screen.
 */
export function CancelSubscriptionButton({
  planName,
  endsOn,
  pending,
  onConfirm,
}: CancelSubscriptionButtonProps) {
  const [asking, setAsking] = useState(false)
  const panel = useRef<HTMLDivElement>(null)
  const opener = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef(false)
  useEffect(() => {
    if (asking) panel.current?.focus()
    else if (returnFocus.current) opener.current?.focus()
  }, [asking])
  const close = () => {
    returnFocus.current = true
    setAsking(false)
  }
  if (!asking) {
    return (
      <button
        ref={opener}
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
      ref={panel}
      tabIndex={-1}
      className="confirm stack"
      role="alertdialog"
      aria-labelledby="cancel-question"
      aria-busy={pending}
      data-testid="cancel-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !pending) close()
      }}
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
          onClick={onConfirm}
        >
          {pending ? 'Canceling…' : `Yes, cancel ${planName}`}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="keep-subscription"
          disabled={pending}
          onClick={close}
        >
          Keep {planName}
        </button>
      </div>
    </div>
  )
}
