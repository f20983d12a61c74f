import Link from 'next/link'

/** Landing page. */
export default function HomePage() {
  return (
    <section className="hero">
      <h1>Analytics that bill themselves</h1>
      <p className="muted">
        An example app: tRPC + Better Auth + Flowglad billing, running on a local Flowglad emulator.
      </p>
      <p>
        <Link href="/pricing" className="button">
          See pricing
        </Link>{' '}
        <Link href="/dashboard" className="button secondary">
          Dashboard
        </Link>
      </p>
    </section>
  )
}
