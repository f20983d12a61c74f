// Type test against the BUILT package (dist/*.d.ts), in its own program: the generated module's
// `Register` augmentation must narrow slug parameters in every entry. Each @ts-expect-error is a
// typo that has to fail to compile; tsc reports an unused one as an error, so the test can fail.
// Checked by test/types/registeredSlugs.test.ts (after `pnpm build`).
import { initTRPC } from '@trpc/server'
import type { FeatureSlug, PriceSlug, ProductSlug, ResourceSlug, UsageMeterSlug } from 'flowglad-trpc'
import { createFlowglad, createFlowgladMiddleware } from 'flowglad-trpc/server'
import './flowglad.gen'

interface Context {
  userId: string | null
}
const t = initTRPC.context<Context>().create()
const flowglad = createFlowglad({ apiKey: 'sk_test' })
const gates = createFlowgladMiddleware({
  flowglad,
  customer: ({ ctx }: { ctx: Context }) => (ctx.userId ? { externalId: ctx.userId, email: 'a@b.c' } : null),
})

export const exportProcedure = t.procedure.use(gates.requireFeature('advanced_analytics')).query(() => 'csv')
// @ts-expect-error a misspelt feature slug
export const typoFeature = t.procedure.use(gates.requireFeature('advanced_analytic')).query(() => 'csv')

export const spendProcedure = t.procedure
  .use(gates.spend({ meter: 'api_calls', amount: 1 }))
  .mutation(() => 1)
// @ts-expect-error a misspelt usage meter slug
export const typoMeter = t.procedure.use(gates.spend({ meter: 'api_call', amount: 1 })).mutation(() => 1)

export const feature: FeatureSlug = 'pro_credits'
// @ts-expect-error not a feature of the pricing model
export const badFeature: FeatureSlug = 'enterprise_sso'
export const price: PriceSlug = 'pro_monthly'
// @ts-expect-error not a price of the pricing model
export const badPrice: PriceSlug = 'pro_yearly'
export const product: ProductSlug = 'pro'
// @ts-expect-error not a product of the pricing model
export const badProduct: ProductSlug = 'enterprise'
export const meter: UsageMeterSlug = 'api_calls'
// @ts-expect-error not a usage meter of the pricing model
export const badMeter: UsageMeterSlug = 'tokens'
export const resource: ResourceSlug = 'seats'
// @ts-expect-error not a resource of the pricing model
export const badResource: ResourceSlug = 'seat'
