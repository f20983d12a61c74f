'use client'

/** Any server or render failure: say what happened instead of a blank screen. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string }
  reset: () => void
}) {
  return (
    <section className="card error" role="alert">
      <h1>Something went wrong</h1>
      <p>{error.message || 'The page failed to load.'}</p>
      <p className="muted">
        If this keeps happening, check the server log{error.digest ? ` (digest ${error.digest})` : ''}: a
        configuration problem (see <code>apps/web/.env.example</code>) is reported there at startup.
      </p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </section>
  )
}
