'use client'
import { AnalyticsSection } from './AnalyticsSection'
import { InvoicesSection } from './InvoicesSection'
import { NotesSection } from './NotesSection'
import { PaymentConfirmation } from './PaymentConfirmation'
import { PlanSection } from './PlanSection'
import { UsageSection } from './UsageSection'

/**
 * The signed-in customer's dashboard: every section reads through Flowglad's hooks or the app's
 * router. A new section is one component and one line here.
 */
export function Dashboard() {
  return (
    <div className="stack">
      <PaymentConfirmation />
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
