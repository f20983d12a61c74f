'use client'
import { useCallback, useState } from 'react'

/** Runs a click's async action: tracks pending, keeps the failure message for display. */
export function useAction() {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = useCallback((action: () => Promise<unknown>) => {
    setPending(true)
    setError(null)
    action()
      .catch((cause: unknown) => setError(cause instanceof Error ? cause.message : 'Something went wrong.'))
      .finally(() => setPending(false))
  }, [])
  return { run, pending, error }
}
