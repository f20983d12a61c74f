import { redirect } from 'next/navigation'
import { Dashboard } from '@/components/dashboard/Dashboard'
import { getRequestSession } from '@/server/rsc'

/**
 * The same dashboard with no server prefetch: every hook fetches from the browser. Kept as the
 * baseline the end-to-end test measures the hydrated dashboard against (bench/app/results.md).
 */
export default async function ClientRenderedDashboardPage() {
  const session = await getRequestSession()
  if (!session) redirect('/sign-in?next=/dashboard/client')
  return (
    <>
      <h1>Welcome, {session.user.name}</h1>
      <p className="muted">Client-rendered variant (no server prefetch), for comparison.</p>
      <Dashboard />
    </>
  )
}
