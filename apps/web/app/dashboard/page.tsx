import { redirect } from 'next/navigation'
import { Dashboard } from '@/components/dashboard/Dashboard'
import { api, getRequestSession, HydrateClient } from '@/server/rsc'

/** Dashboard: every query its hooks use is prefetched here, so the first paint needs no /api/trpc call. */
export default async function DashboardPage() {
  const session = await getRequestSession()
  if (!session) redirect('/sign-in?next=/dashboard')
  await Promise.all([api.flowglad.billing.get.prefetch(), api.notes.list.prefetch()])
  return (
    <HydrateClient>
      <h1>Welcome, {session.user.name}</h1>
      <Dashboard />
    </HydrateClient>
  )
}
