import type { TRPCClientErrorLike } from '@trpc/client'
import { createTRPCReact } from '@trpc/react-query'
import { initTRPC } from '@trpc/server'
import { describe, expectTypeOf, it } from 'vitest'
import type { FlowgladBilling, PricingModel } from '../../src/core/index'
import { createFlowgladHooks } from '../../src/react/index'
import type { createFlowgladRouter } from '../../src/server/index'
import type { AppRouter } from './support/createReactTestApp'

const { useBilling, usePricing, useFeature, useUsageMeter, useSubscription, useCheckouts, useInvoices } =
  createFlowgladHooks(createTRPCReact<AppRouter>())

type Billing = ReturnType<typeof useBilling>
type Subscription = FlowgladBilling['subscriptions'][number]

describe('hook results are typed from AppRouter', () => {
  it('useBilling narrows on status to the billing payload, helpers and actions', () => {
    const billing = {} as Billing
    if (billing.status === 'success') {
      expectTypeOf(billing.customer).toEqualTypeOf<FlowgladBilling['customer']>()
      expectTypeOf(billing.currentSubscription).toEqualTypeOf<Subscription | undefined>()
      expectTypeOf(billing.checkFeatureAccess).toEqualTypeOf<
        (featureSlug: string, scope?: { readonly subscriptionId?: string }) => boolean
      >()
      expectTypeOf(billing.checkUsageBalance('api_calls')).toMatchTypeOf<{
        availableBalance: number
      } | null>()
      expectTypeOf(billing.getPrice('pro_monthly')).toEqualTypeOf<
        FlowgladBilling['pricingModel']['products'][number]['prices'][number] | null
      >()
      expectTypeOf(billing.createCheckoutSession).parameter(0).toHaveProperty('autoRedirect')
      expectTypeOf(billing.createCheckoutSession).returns.resolves.toEqualTypeOf<{
        id: string
        url: string
      }>()
      // @ts-expect-error a cancellation needs its timing
      void billing.cancelSubscription({ id: 'sub_1' })
    } else {
      expectTypeOf(billing.customer).toEqualTypeOf<undefined>()
      // @ts-expect-error actions exist only once loaded
      void billing.cancelSubscription({ cancellation: { timing: 'immediately' } })
    }
    if (billing.status === 'error')
      expectTypeOf(billing.error).toEqualTypeOf<TRPCClientErrorLike<AppRouter>>()
  })

  it('the narrow hooks carry Flowglad shapes and TanStack fields', () => {
    expectTypeOf(usePricing()).toEqualTypeOf<PricingModel | null>()
    expectTypeOf(useFeature('advanced_analytics').hasAccess).toEqualTypeOf<boolean>()
    expectTypeOf(useFeature('x').error).toEqualTypeOf<TRPCClientErrorLike<AppRouter> | null>()
    expectTypeOf(useUsageMeter('api_calls').usageMeter).toMatchTypeOf<{
      slug: string
      availableBalance: number
    } | null>()
    expectTypeOf(useSubscription().subscription).toEqualTypeOf<Subscription | null | undefined>()
    expectTypeOf(useInvoices().invoices).toEqualTypeOf<FlowgladBilling['invoices'] | undefined>()
    expectTypeOf(useCheckouts().createActivateSubscriptionCheckoutSession)
      .parameter(0)
      .toHaveProperty('targetSubscriptionId')
    // @ts-expect-error query options are TanStack's
    useBilling({ enabled: 'yes' })
  })

  it('follows the router wherever the app mounts it', () => {
    const t = initTRPC.create()
    type Mounted = ReturnType<typeof t.router<{ billing: ReturnType<typeof createFlowgladRouter> }>>
    const hooks = createFlowgladHooks(createTRPCReact<Mounted>(), { path: 'billing' })
    expectTypeOf(hooks.usePricing()).toEqualTypeOf<PricingModel | null>()

    type Nested = ReturnType<
      typeof t.router<{
        account: ReturnType<typeof t.router<{ billing: ReturnType<typeof createFlowgladRouter> }>>
      }>
    >
    const nested = createFlowgladHooks(createTRPCReact<Nested>(), { path: 'account.billing' })
    expectTypeOf(nested.usePricing()).toEqualTypeOf<PricingModel | null>()
  })
})
