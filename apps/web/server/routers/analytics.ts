import 'server-only'
import { weeklySignups } from '@/lib/weeklySignups'
import { getGates } from '../gates'
import { protectedProcedure, router } from '../trpc'

/** A CSV export as the client downloads it. */
export interface CsvExport {
  filename: string
  csv: string
}

/** The Pro-only analytics, gated on the server: the locked card in the UI is only a hint. */
export const analyticsRouter = router({
  // FORBIDDEN without `advanced_analytics`, with the plan that unlocks it in the error's data.
  // Costs no upstream call of its own when the request already read billing.
  export: protectedProcedure.use(getGates().requireFeature('advanced_analytics')).query(
    (): CsvExport => ({
      filename: 'analytics.csv',
      csv: `${['day,signups', ...weeklySignups.map(({ day, signups }) => `${day},${signups}`)].join('\n')}\n`,
    }),
  ),
})
