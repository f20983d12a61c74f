// An app that registered its pricing model's slugs (what `flowglad-trpc codegen` writes): every
// slug parameter of the hooks, checkout and the RSC helpers accepts only these literals. Compiled
// on its own by typedSlugs.test.ts (the registration is global to a program); each
// `@ts-expect-error` must be an error, or the compile fails.
import { createTRPCReact } from '@trpc/react-query'
import { initTRPC } from '@trpc/server'
import { createTRPCContext } from '@trpc/tanstack-react-query'
import type { CustomerBilling } from 'flowglad-trpc'
import { createFlowgladHooks } from 'flowglad-trpc/react'
import { checkFeatureAccess, getPrice, withBillingHelpers } from 'flowglad-trpc/rsc'
import type { createFlowgladRouter } from 'flowglad-trpc/server'

// The router's types come from the built server entry (`pnpm build` first), so only the React and
// RSC sources are compiled here with the registration.
const t = initTRPC.create()
type AppRouter = ReturnType<typeof t.router<{ flowglad: ReturnType<typeof createFlowgladRouter> }>>

declare module 'flowglad-trpc' {
  interface Register {
    slugs: {
      feature: 'advanced_analytics'
      price: 'free_monthly' | 'pro_monthly' | 'credit_top_up_once'
      product: 'free' | 'pro' | 'credit_top_up'
      usageMeter: 'api_calls'
      resource: 'seats'
    }
  }
}

const classic = createFlowgladHooks(createTRPCReact<AppRouter>())
const tanstack = createFlowgladHooks({ useTRPC: createTRPCContext<AppRouter>().useTRPC })

export function ClassicComponent() {
  classic.useFeature('advanced_analytics')
  // @ts-expect-error a typo in a feature slug
  classic.useFeature('advanced_analytic')
  classic.useUsageMeter('api_calls')
  // @ts-expect-error a typo in a usage meter slug
  classic.useUsageMeter('api_call')
  classic.useResource('seats')
  // @ts-expect-error a typo in a resource slug
  classic.useResource('seat')
  const { createCheckoutSession } = classic.useCheckouts()
  const urls = { successUrl: 'https://app.test/ok', cancelUrl: 'https://app.test/no' }
  void createCheckoutSession({ priceSlug: 'pro_monthly', ...urls })
  // @ts-expect-error a typo in a checkout price slug
  void createCheckoutSession({ priceSlug: 'pro_montly', ...urls })
  const billing = classic.useBilling()
  if (billing.status === 'success') {
    billing.checkFeatureAccess('advanced_analytics')
    // @ts-expect-error a typo in a feature slug
    billing.checkFeatureAccess('advanced-analytics')
    // @ts-expect-error a typo in a meter slug
    billing.checkUsageBalance('apicalls')
    // @ts-expect-error a typo in a product slug
    billing.getProduct('prro')
    // @ts-expect-error a usage event for a meter that does not exist
    void billing.createUsageEvent({ usageMeterSlug: 'api_callz' })
    void billing.createUsageEvent({ usageMeterSlug: 'api_calls' })
  }
}

export function TanstackComponent() {
  tanstack.useFeature('advanced_analytics')
  // @ts-expect-error a typo in a feature slug
  tanstack.useFeature('advanced_analytic')
  // @ts-expect-error a typo in a usage meter slug
  tanstack.useUsageMeter('api_call')
}

export async function serverComponent(caller: {
  flowglad: { billing: { get(): Promise<CustomerBilling> } }
}) {
  const billing = withBillingHelpers(await caller.flowglad.billing.get())
  billing.checkFeatureAccess('advanced_analytics')
  // @ts-expect-error a typo in a feature slug
  billing.checkFeatureAccess('analytics')
  // @ts-expect-error a typo in a feature slug
  checkFeatureAccess([], 'analytics')
  // @ts-expect-error a typo in a price slug
  getPrice({ products: [] }, 'pro_yearly')
}
