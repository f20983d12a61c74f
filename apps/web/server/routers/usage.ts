import 'server-only'
import { z } from 'zod'
import { getGates } from '../gates'
import { protectedProcedure, router } from '../trpc'

/** The app's own metered action: the `spend` gate checks, holds and records the credits. */
export const usageRouter = router({
  callApi: protectedProcedure
    .input(
      z.object({
        calls: z.number().int().min(1).max(100),
        // Sent once per click: a retried request is counted once (the gate derives its transactionId).
        idempotencyKey: z.uuid().optional(),
      }),
    )
    // Concurrent calls never overdraw: the gate holds each call's credits until it is recorded, and
    // records usage only when the handler succeeded. A refusal carries the balance and the offers.
    .use(getGates().spend({ meter: 'api_calls', amount: ({ input }) => input.calls }))
    .mutation(({ input }) => ({ consumed: input.calls })),
})
