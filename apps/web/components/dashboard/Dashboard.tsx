'use client'
import { AnalyticsSection } from './AnalyticsSection'
import { InvoicesSection } from './InvoicesSection'
import { NotesSection } from './NotesSection'
import { PlanSection } from './PlanSection'
import { UsageSection } from './UsageSection'

/** The signed-in customer's dashboard: every section reads through Flowglad's hooks or the app's router. */
export function Dashboard() {
  return (
    <div className="stack">
      <PlanSection />
      <div className="grid">
        <AnalyticsSection />
        <UsageSection />
      </div>
      <InvoicesSection />
      <NotesSection />
    </div>
  )
}
