import 'server-only'
import { randomUUID } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { customerOf } from '../customer'
import { getFlowglad } from '../flowglad'
import { protectedProcedure, router } from '../trpc'

/** The usage meter the demo action draws on. */
export const API_CALLS_METER = 'api_calls'

/** The app's own metered action: checks the balance on the server, then records usage. */
export const usageRouter = router({
  callApi: protectedProcedure
    .input(z.object({ calls: z.number().int().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      // Same handlers as the `flowglad.*` procedures, scoped to the signed-in customer. Calls on
      // one handle share one billing read (the balance check, then the event's subscription).
      const billing = getFlowglad().forCustomer(customerOf(ctx.session))
      const { usageMeterBalances } = await billing.usageMeters.balances()
      const available =
        usageMeterBalances.find((meter) => meter.slug === API_CALLS_METER)?.availableBalance ?? 0
      // The check runs here, not in the browser: a client cannot spend credits it does not have.
      if (available < input.calls) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `Not enough API call credits: ${available} left, ${input.calls} requested.`,
        })
      }
      await billing.usageEvents.create({
        usageMeterSlug: API_CALLS_METER,
        amount: input.calls,
        transactionId: randomUUID(),
      })
      return { consumed: input.calls, remaining: available - input.calls }
    }),
})
