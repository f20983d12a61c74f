import { initTRPC } from '@trpc/server'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { type FlowgladRefusal, getFlowgladRefusal } from '../../../src/core'
import {
  createFlowglad,
  createFlowgladMiddleware,
  type FlowgladCustomerResolver,
  flowgladErrorData,
} from '../../../src/server'

// Gates on app procedures, unregistered slugs (plain strings): what compiles and what must not.

interface Context {
  session: { userId: string } | null
}
const t = initTRPC.context<Context>().create({
  errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, ...flowgladErrorData(error) } }),
})
const customer: FlowgladCustomerResolver<Context> = ({ ctx }) =>
  ctx.session ? { externalId: ctx.session.userId, email: 'a@b.c' } : null
const billing = createFlowgladMiddleware({ flowglad: createFlowglad({ apiKey: 'sk_test' }), customer })

describe('gates as tRPC middleware', () => {
  it('fit .use() and keep the procedure typed', () => {
    const router = t.router({
      exportCsv: t.procedure.use(billing.requireFeature('any_feature_without_codegen')).query(() => 'csv'),
      callApi: t.procedure
        .input(z.object({ calls: z.number() }))
        .use(billing.spend<{ calls: number }>({ meter: 'api_calls', amount: ({ input }) => input.calls }))
        .mutation(({ input }) => ({ consumed: input.calls })),
    })
    expectTypeOf(router.createCaller({ session: null }).callApi).returns.resolves.toEqualTypeOf<{
      consumed: number
    }>()
  })

  it('run on a procedure whose context extends the resolver context (middleware added fields)', () => {
    const authed = t.procedure.use(({ ctx, next }) => next({ ctx: { ...ctx, role: 'admin' as const } }))
    authed
      .use(billing.requireFeature('x'))
      .query(({ ctx }) => expectTypeOf(ctx.role).toEqualTypeOf<'admin'>())
  })

  it('requireFeature narrows the context: the handler knows a customer is present', () => {
    t.procedure
      .use(billing.requireFeature('x'))
      .query(({ ctx }) => expectTypeOf(ctx.flowgladCustomer.externalId).toEqualTypeOf<string>())
  })

  it('reject a spend whose declared input the procedure does not parse to', () => {
    t.procedure
      .input(z.object({ name: z.string() }))
      // @ts-expect-error the procedure's input has no `calls`
      .use(billing.spend<{ calls: number }>({ meter: 'api_calls', amount: ({ input }) => input.calls }))
  })

  it('reject a resolver for another context', () => {
    const other = initTRPC.context<{ tenant: string }>().create()
    // @ts-expect-error the gate reads `session`, which this context does not have
    other.procedure.use(billing.requireFeature('x'))
  })

  it('type the refusal the client reads', () => {
    expectTypeOf(getFlowgladRefusal).returns.toEqualTypeOf<FlowgladRefusal | null>()
    const refusal = getFlowgladRefusal(new Error('x'))
    if (refusal?.reason === 'insufficient_balance') expectTypeOf(refusal.balance).toEqualTypeOf<number>()
    if (refusal?.reason === 'feature_locked') expectTypeOf(refusal.feature).toEqualTypeOf<string>()
  })
})
