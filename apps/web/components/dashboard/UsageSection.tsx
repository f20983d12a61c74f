'use client'
import { describeFlowgladError } from 'flowglad-trpc'
import { useUsageMeter } from '@/client/flowglad'
import { trpc } from '@/client/trpc'
import { UpgradePrompt } from '@/components/UpgradePrompt'

const CALLS_PER_CLICK = 10

/** The `api_calls` balance, and an action that spends credits through the app's own procedure. */
export function UsageSection() {
  const { usageMeter, isLoading } = useUsageMeter('api_calls')
  const utils = trpc.useUtils()
  const callApi = trpc.usage.callApi.useMutation({
    // The app's procedure wrote usage upstream: refresh the Flowglad reads it affects.
    onSuccess: () => utils.flowglad.invalidate(),
  })
  // The server decides (the `spend` gate); a refusal says what is left and what would top it up.
  // One reader for refusals and upstream failures (flowglad-trpc's error model).
  const described = describeFlowgladError(callApi.error)
  const refusal = described?.refusal ?? null
  return (
    <section className="card stack">
      <h2>API calls</h2>
      {isLoading ? (
        <p>Loading balance…</p>
      ) : (
        <p>
          <strong className="price" data-testid="usage-balance">
            {usageMeter?.availableBalance ?? 0}
          </strong>{' '}
          <span className="muted">credits left this period</span>
        </p>
      )}
      <div className="row">
        <button
          type="button"
          data-testid="consume-usage"
          disabled={callApi.isPending}
          // One key per click: if the request is retried, the credits are spent once.
          onClick={() => callApi.mutate({ calls: CALLS_PER_CLICK, idempotencyKey: crypto.randomUUID() })}
        >
          {callApi.isPending ? 'Calling…' : `Make ${CALLS_PER_CLICK} API calls`}
        </button>
      </div>
      {refusal ? (
        <UpgradePrompt refusal={refusal} />
      ) : (
        callApi.error && (
          <p className="error-text" role="alert">
            {described?.message ?? callApi.error.message}
          </p>
        )
      )}
    </section>
  )
}
