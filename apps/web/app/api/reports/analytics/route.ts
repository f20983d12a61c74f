import { TRPCError } from '@trpc/server'
import { getHTTPStatusCodeFromError } from '@trpc/server/http'
import { getFlowgladRefusal } from 'flowglad-trpc'
import { appRouter } from '@/server/appRouter'
import { createCallerFactory, createContext } from '@/server/trpc'

const createCaller = createCallerFactory(appRouter)

/**
 * The analytics CSV as a plain download URL: the same gated procedure as the dashboard's button
 * (`analytics.export`), so the gate lives in one place. A refusal keeps its status (401, 403) and
 * its typed data (`refusal`: the plan that unlocks the export).
 */
export async function GET(request: Request): Promise<Response> {
  const caller = createCaller(await createContext({ headers: request.headers }))
  try {
    const { filename, csv } = await caller.analytics.export()
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
      },
    })
  } catch (error) {
    // By name too: the procedure's error may come from another bundle's copy of @trpc/server.
    if (!(error instanceof TRPCError || (error instanceof Error && error.name === 'TRPCError'))) throw error
    return Response.json(
      { error: error.message, refusal: getFlowgladRefusal(error) },
      { status: getHTTPStatusCodeFromError(error as TRPCError) },
    )
  }
}
