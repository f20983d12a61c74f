'use client'
import Link from 'next/link'
import { useFeature } from '@/client/flowglad'
import { weeklySignups } from '@/lib/weeklySignups'

/** A section only Pro customers see: gated by the `advanced_analytics` toggle feature. */
export function AnalyticsSection() {
  const { hasAccess, isLoading } = useFeature('advanced_analytics')
  if (isLoading) return <section className="card">Checking access…</section>
  if (!hasAccess) {
    return (
      <section className="card locked stack" data-testid="analytics-locked">
        <h2>Advanced analytics</h2>
        <p>Cohorts and funnels are part of Pro.</p>
        <p>
          <Link href="/pricing">Compare plans</Link>
        </p>
      </section>
    )
  }
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
      <p>
        <a href="/api/reports/analytics" className="button secondary" data-testid="export-analytics">
          Download CSV
        </a>
      </p>
    </section>
  )
}
