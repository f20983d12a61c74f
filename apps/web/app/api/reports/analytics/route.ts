import { TRPCError } from '@trpc/server'
import { getHTTPStatusCodeFromError } from '@trpc/server/http'
import { withBillingHelpers } from 'flowglad-trpc/rsc'
import { getSession } from '@/server/auth'
import { customerOf } from '@/server/customer'
import { getFlowglad } from '@/server/flowglad'

// Demo data behind the gate; a real app would query its own tables here.
const rows = [
  ['day', 'signups'],
  ['mon', '12'],
  ['tue', '18'],
  ['wed', '9'],
  ['thu', '24'],
  ['fri', '31'],
  ['sat', '27'],
  ['sun', '35'],
]

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
  return new Response(`${rows.map((row) => row.join(',')).join('\n')}\n`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="analytics.csv"',
    },
  })
}
