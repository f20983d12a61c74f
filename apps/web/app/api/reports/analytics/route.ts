import { TRPCError } from '@trpc/server'
import { getHTTPStatusCodeFromError } from '@trpc/server/http'
import { withBillingHelpers } from 'flowglad-trpc/rsc'
import { weeklySignups } from '@/lib/weeklySignups'
import { getSession } from '@/server/auth'
import { customerOf } from '@/server/customer'
import { getFlowglad } from '@/server/flowglad'

/** CSV export of the analytics: the feature gate enforced on the server, not just hidden in the UI. */
export async function GET(request: Request): Promise<Response> {
  const session = await getSession(request.headers)
  if (!session) return Response.json({ error: 'Sign in first.' }, { status: 401 })
  const result = await getFlowglad()
    .forCustomer(customerOf(session))
    .billing.get()
    .then(
      (billing) => ({ billing }),
      (error: unknown) => {
        // The library normalises upstream failures to TRPCError (key-free messages): keep its status.
        if (error instanceof TRPCError) return { error }
        throw error
      },
    )
  if ('error' in result) {
    return Response.json(
      { error: result.error.message },
      { status: getHTTPStatusCodeFromError(result.error) },
    )
  }
  if (!withBillingHelpers(result.billing).checkFeatureAccess('advanced_analytics')) {
    return Response.json({ error: 'Advanced analytics is part of the Pro plan.' }, { status: 403 })
  }
  const csv = ['day,signups', ...weeklySignups.map(({ day, signups }) => `${day},${signups}`)].join('\n')
  return new Response(`${csv}\n`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="analytics.csv"',
    },
  })
}
