import { prefetchFlowglad } from 'flowglad-trpc/rsc'
import { redirect } from 'next/navigation'
import { ActivityFeed } from '@/components/dashboard/ActivityFeed'
import { Dashboard } from '@/components/dashboard/Dashboard'
import { api, getRequestSession, HydrateClient } from '@/server/rsc'

/** Dashboard: every query its hooks use is prefetched here, so the first paint needs no /api/trpc call. */
export default async function DashboardPage() {
  const session = await getRequestSession()
  if (!session) redirect('/sign-in?next=/dashboard')
  // Billing feeds every Flowglad hook on the page (plan, feature, meter, invoices): one query.
  await Promise.all([prefetchFlowglad(api, { billing: true, pricing: false }), api.notes.list.prefetch()])
  return (
    <HydrateClient>
      <h1>Welcome, {session.user.name}</h1>
      <Dashboard />
      <ActivityFeed userId={session.user.id} />
    </HydrateClient>
  )
}
