'use client'
import Link from 'next/link'
import { useFeature } from '@/client/flowglad'

// Static demo figures: the point is the gate, not the chart.
const weeklySignups = [12, 18, 9, 24, 31, 27, 35]

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
  const max = Math.max(...weeklySignups)
  return (
    <section className="card stack" data-testid="analytics-unlocked">
      <h2>Advanced analytics</h2>
      <p className="muted">Sign-ups per day, last 7 days</p>
      <div className="row" style={{ alignItems: 'flex-end', height: 90 }}>
        {weeklySignups.map((value, day) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed-length static series
            key={day}
            title={`${value}`}
            style={{
              width: 24,
              height: `${(value / max) * 100}%`,
              background: 'var(--accent)',
              borderRadius: 4,
            }}
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
