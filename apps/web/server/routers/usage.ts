import 'server-only'
import { randomUUID } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { createCallerFactory, protectedProcedure, router } from '../trpc'
import { flowgladRouter } from './billing'

/** The usage meter the demo action draws on. */
export const API_CALLS_METER = 'api_calls'

const callFlowglad = createCallerFactory(flowgladRouter)

/** The app's own metered action: checks the balance on the server, then records usage. */
export const usageRouter = router({
  callApi: protectedProcedure
    .input(z.object({ calls: z.number().int().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      const flowglad = callFlowglad(ctx)
      const { usageMeterBalances } = await flowglad.usageMeters.balances({})
      const balance = usageMeterBalances.find((meter) => meter.slug === API_CALLS_METER)
      const available = balance?.availableBalance ?? 0
      // The check runs here, not in the browser: a client cannot spend credits it does not have.
      if (available < input.calls) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `Not enough API call credits: ${available} left, ${input.calls} requested.`,
        })
      }
      await flowglad.usageEvents.create({
        usageMeterSlug: API_CALLS_METER,
        amount: input.calls,
        transactionId: randomUUID(),
      })
      return { consumed: input.calls, remaining: available - input.calls }
    }),
})
