import { useCallback } from 'react'
import { type HooksContext, useFlowgladMutation } from './hooksContext'

type UsageEventInput = { transactionId?: string } & Record<string, unknown>

/** A random id; `randomUUID` exists only in secure contexts, `getRandomValues` everywhere. */
function newTransactionId(): string {
  const { crypto } = globalThis
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('')
}

/**
 * `createUsageEvent`: one transactionId per call, made here when the caller gave none. It is part
 * of the mutation's variables, so a retry (TanStack's `retry`, tRPC's `retryLink`) sends the same
 * id and Flowglad records the event once; a server-made id would differ per attempt.
 */
export function useUsageEventCreator(ctx: HooksContext) {
  const { mutateAsync } = useFlowgladMutation(ctx, 'usageEvents.create')
  return useCallback(
    (input: UsageEventInput) =>
      mutateAsync({ ...input, transactionId: input.transactionId ?? newTransactionId() }),
    [mutateAsync],
  )
}
