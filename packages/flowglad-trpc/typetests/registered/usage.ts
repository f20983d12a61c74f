// Type test against the BUILT package (dist/*.d.ts), in its own program: the generated module's
// `Register` augmentation must narrow slug parameters in every entry. Each @ts-expect-error is a
// typo that has to fail to compile; tsc reports an unused one as an error, so the test can fail.
// Checked by test/types/registeredSlugs.test.ts (after `pnpm build`).
import { type inferRouterOutputs, initTRPC } from '@trpc/server'
import type {
  CustomerBillingLike,
  FeatureSlug,
  Price,
  PriceSlug,
  ProductSlug,
  ResourceSlug,
  PricingModel as RootPricingModel,
  UsageMeterSlug,
} from 'flowglad-trpc'
import type { FlowgladHooks } from 'flowglad-trpc/react'
import type { BillingHelpers } from 'flowglad-trpc/rsc'
import { createFlowglad, createFlowgladMiddleware, createFlowgladRouter } from 'flowglad-trpc/server'
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

// flowglad-trpc/rsc: the server-side billing checks.
declare const billing: BillingHelpers<CustomerBillingLike>
export const canExport = billing.checkFeatureAccess('advanced_analytics')
// @ts-expect-error a misspelt feature slug
export const typoCheck = billing.checkFeatureAccess('advanced-analytics')
export const proPrice = billing.getPrice('pro_monthly')
// @ts-expect-error a misspelt price slug
export const typoPrice = billing.getPrice('pro_montly')

// flowglad-trpc/react: the hooks' slug parameters.
type Hooks = FlowgladHooks<never>
export const hookFeature: Parameters<Hooks['useFeature']>[0] = 'advanced_analytics'
// @ts-expect-error a misspelt feature slug in useFeature
export const hookTypoFeature: Parameters<Hooks['useFeature']>[0] = 'advanced_analytic'
export const hookMeter: Parameters<Hooks['useUsageMeter']>[0] = 'api_calls'
// @ts-expect-error a misspelt meter slug in useUsageMeter
export const hookTypoMeter: Parameters<Hooks['useUsageMeter']>[0] = 'apicalls'
export const hookResource: Parameters<Hooks['useResource']>[0] = 'seats'
// @ts-expect-error a misspelt resource slug in useResource
export const hookTypoResource: Parameters<Hooks['useResource']>[0] = 'seat'

// What `pricing.default` returns carries the registered slugs, so a server-rendered pricing page
// can hand a price's slug straight to checkout (the getting-started guide's ChoosePlan).
const pricingRouter = t.router({
  flowglad: createFlowgladRouter({
    flowglad,
    router: t.router,
    procedure: t.procedure,
    customer: () => null,
  }),
})
type PricingModel = inferRouterOutputs<typeof pricingRouter>['flowglad']['pricing']['default']['pricingModel']
type PricedProduct = PricingModel['products'][number]
export const pricedSlugs: NonNullable<PricedProduct['prices'][number]['slug']>[] = ['pro_monthly']
// @ts-expect-error a price slug of pricing.default is a registered literal, not any string
export const notAPriceSlug: NonNullable<PricedProduct['prices'][number]['slug']> = 'pro_montly'
// @ts-expect-error a product slug of pricing.default is a registered literal
export const notAProductSlug: PricedProduct['slug'] = 'enterprise'
// @ts-expect-error a usage meter slug of pricing.default is a registered literal
export const notAMeterSlug: PricingModel['usageMeters'][number]['slug'] = 'api_call'
export function checkoutSlug(price: PricedProduct['prices'][number]): PriceSlug | null | undefined {
  return price.slug
}

// One name, one type: the root entry's `PricingModel` (and its `Price`) is the same slug-typed
// model that flowglad-trpc/server exports and `pricing.default` returns.
export const rootPriceSlug: Price['slug'] = 'pro_monthly'
// @ts-expect-error the root entry's Price carries the registered price slugs too
export const rootTypoPrice: Price['slug'] = 'pro_montly'
// @ts-expect-error the root entry's PricingModel carries the registered meter slugs too
export const rootTypoMeter: RootPricingModel['usageMeters'][number]['slug'] = 'api_call'
