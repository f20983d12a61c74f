import { QueryClient } from '@tanstack/react-query'
import type { TRPCClientErrorLike } from '@trpc/client'
import { createTRPCReact } from '@trpc/react-query'
import { initTRPC } from '@trpc/server'
import { createTRPCContext, createTRPCOptionsProxy } from '@trpc/tanstack-react-query'
import { describe, expectTypeOf, it } from 'vitest'
import type { CustomerBilling, PricingModel } from '../../src/core/index'
import {
  type CustomerBillingOf,
  createFlowgladHooks,
  FlowgladCustomerBoundary,
  type RouterFlowgladTypes,
  resetFlowgladCustomer,
  type SubRouterFlowgladTypes,
} from '../../src/react/index'
import { prefetchFlowglad } from '../../src/rsc/index'
import type { createFlowgladRouter } from '../../src/server/index'
import type { AppRouter } from './support/createReactTestApp'

const { useBilling, usePricing, useFeature, useUsageMeter, useSubscription, useCheckouts, useInvoices } =
  createFlowgladHooks(createTRPCReact<AppRouter>())

type Billing = ReturnType<typeof useBilling>
type Subscription = CustomerBilling['subscriptions'][number]

describe('hook results are typed from AppRouter', () => {
  it('useBilling narrows on status to the billing payload, helpers and actions', () => {
    const billing = {} as Billing
    if (billing.status === 'success') {
      expectTypeOf(billing.customer).toEqualTypeOf<CustomerBilling['customer']>()
      expectTypeOf(billing.currentSubscription).toEqualTypeOf<Subscription | undefined>()
      expectTypeOf(billing.checkFeatureAccess).toEqualTypeOf<
        (featureSlug: string, scope?: { readonly subscriptionId?: string }) => boolean
      >()
      expectTypeOf(billing.checkUsageBalance('api_calls')).toMatchTypeOf<{
        availableBalance: number
      } | null>()
      expectTypeOf(billing.getPrice('pro_monthly')).toEqualTypeOf<
        CustomerBilling['pricingModel']['products'][number]['prices'][number] | null
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
    expectTypeOf(usePricing().pricingModel).toEqualTypeOf<PricingModel | null>()
    expectTypeOf(usePricing().error).toEqualTypeOf<TRPCClientErrorLike<AppRouter> | null>()
    expectTypeOf(usePricing().isLoading).toEqualTypeOf<boolean>()
    expectTypeOf(useFeature('advanced_analytics').hasAccess).toEqualTypeOf<boolean>()
    expectTypeOf(useFeature('x').error).toEqualTypeOf<TRPCClientErrorLike<AppRouter> | null>()
    expectTypeOf(useUsageMeter('api_calls').usageMeter).toMatchTypeOf<{
      slug: string
      availableBalance: number
    } | null>()
    expectTypeOf(useSubscription().subscription).toEqualTypeOf<Subscription | null | undefined>()
    expectTypeOf(useInvoices().invoices).toEqualTypeOf<CustomerBilling['invoices'] | undefined>()
    expectTypeOf(useCheckouts().createActivateSubscriptionCheckoutSession)
      .parameter(0)
      .toHaveProperty('targetSubscriptionId')
    // @ts-expect-error query options are TanStack's
    useBilling({ enabled: 'yes' })
  })

  it('follows the router wherever the app mounts it', () => {
    const t = initTRPC.create()
    type Mounted = ReturnType<typeof t.router<{ billing: ReturnType<typeof createFlowgladRouter> }>>
    const hooks = createFlowgladHooks(createTRPCReact<Mounted>(), { router: (trpc) => trpc.billing })
    expectTypeOf(hooks.usePricingModel()).toEqualTypeOf<PricingModel | null>()

    type Nested = ReturnType<
      typeof t.router<{
        account: ReturnType<typeof t.router<{ billing: ReturnType<typeof createFlowgladRouter> }>>
      }>
    >
    const nested = createFlowgladHooks(createTRPCReact<Nested>(), { router: (trpc) => trpc.account.billing })
    expectTypeOf(nested.usePricingModel()).toEqualTypeOf<PricingModel | null>()
    expectTypeOf(nested.useBilling).returns.toEqualTypeOf(hooks.useBilling())
  })

  it('CustomerBillingOf<T> is the one billing payload, CustomerBilling, as the app router returns it', () => {
    expectTypeOf<
      CustomerBillingOf<RouterFlowgladTypes<AppRouter, 'flowglad'>>
    >().toEqualTypeOf<CustomerBilling>()
    type ClassicSubRouter = ReturnType<typeof createTRPCReact<AppRouter>>['flowglad']
    expectTypeOf<
      CustomerBillingOf<SubRouterFlowgladTypes<ClassicSubRouter>>
    >().toEqualTypeOf<CustomerBilling>()
    // A router without Flowglad types as never, not as any payload.
    expectTypeOf<CustomerBillingOf<RouterFlowgladTypes<AppRouter, 'projects'>>>().toBeNever()
  })

  it('has no deprecated options or aliases (0.x removed them)', () => {
    const t = initTRPC.create()
    type Mounted = ReturnType<typeof t.router<{ billing: ReturnType<typeof createFlowgladRouter> }>>
    // @ts-expect-error the mount path gave way to `router: (trpc) => trpc.billing`
    createFlowgladHooks(createTRPCReact<Mounted>(), { path: 'billing' })
    // @ts-expect-error `useCatalog` gave way to `usePricingModel` (Flowglad's name)
    createFlowgladHooks(createTRPCReact<AppRouter>()).useCatalog
    // @ts-expect-error a reset takes the sub-router, not a path
    resetFlowgladCustomer(new QueryClient(), { path: 'account.billing' })
    // @ts-expect-error the boundary takes `hooks` or `router`, not a path
    FlowgladCustomerBoundary({ customerKey: null, path: 'account.billing' })
    const helpers = {} as { flowglad: object }
    // @ts-expect-error a prefetch takes `router`, not a path
    void prefetchFlowglad(helpers, { path: 'flowglad' })
  })
})

describe('the same hooks over @trpc/tanstack-react-query', () => {
  const classic = createFlowgladHooks(createTRPCReact<AppRouter>())

  it('createFlowgladHooks({ useTRPC }) types every hook as the classic client does', () => {
    const { useTRPC } = createTRPCContext<AppRouter>()
    const hooks = createFlowgladHooks({ useTRPC })
    expectTypeOf(hooks.usePricing().error).toEqualTypeOf(classic.usePricing().error)
    expectTypeOf(hooks.usePricing().pricingModel).toEqualTypeOf(classic.usePricing().pricingModel)
    expectTypeOf(hooks.useSubscription().subscription).toEqualTypeOf<Subscription | null | undefined>()
    expectTypeOf(hooks.useUsageMeter('api_calls').usageMeter).toEqualTypeOf(
      classic.useUsageMeter('api_calls').usageMeter,
    )
    expectTypeOf(hooks.useInvoices().invoices).toEqualTypeOf<CustomerBilling['invoices'] | undefined>()
    expectTypeOf(hooks.useCheckouts().createActivateSubscriptionCheckoutSession)
      .parameter(0)
      .toHaveProperty('targetSubscriptionId')
    expectTypeOf(hooks.useCheckouts().createCheckoutSession).returns.resolves.toEqualTypeOf<{
      id: string
      url: string
    }>()
    const billing = hooks.useBilling()
    if (billing.status === 'success') {
      expectTypeOf(billing.customer).toEqualTypeOf<CustomerBilling['customer']>()
      // @ts-expect-error a cancellation needs its timing
      void billing.cancelSubscription({ id: 'sub_1' })
    }
    expectTypeOf(hooks.usePricingModel()).toEqualTypeOf<PricingModel | null>()
  })

  it('takes the sub-router wherever the app mounts it, keyPrefix or not', () => {
    const t = initTRPC.create()
    type Nested = ReturnType<
      typeof t.router<{
        account: ReturnType<typeof t.router<{ billing: ReturnType<typeof createFlowgladRouter> }>>
      }>
    >
    const prefixed = createTRPCContext<Nested, { keyPrefix: true }>()
    const hooks = createFlowgladHooks({ useTRPC: prefixed.useTRPC, router: (trpc) => trpc.account.billing })
    expectTypeOf(hooks.usePricingModel()).toEqualTypeOf<PricingModel | null>()
    expectTypeOf(hooks.useFeature('x').hasAccess).toEqualTypeOf<boolean>()

    // A singleton options proxy (tRPC's setup without React context).
    const proxy = createTRPCOptionsProxy<AppRouter>({ client: {} as never, queryClient: {} as never })
    const singleton = createFlowgladHooks({ useTRPC: () => proxy })
    expectTypeOf(singleton.useFeature('x').error).toEqualTypeOf(classic.useFeature('x').error)
  })
})
