import type { Query } from '@tanstack/react-query'
import type { TRPCClientErrorLike } from '@trpc/client'
import { createTRPCReact } from '@trpc/react-query'
import type { inferRouterOutputs } from '@trpc/server'
import { createTRPCContext } from '@trpc/tanstack-react-query'
import { describe, expectTypeOf, it } from 'vitest'
import type { CustomerBilling, CustomerDetails, FeatureAccessItem } from '../../src/core/index'
import { createFlowgladHooks } from '../../src/react/index'
import type { AppRouter } from './support/createReactTestApp'

// One type test per hook that `hooks.test-d.ts` does not already cover: each result field typed
// from the app router (outputs and error), each argument as Flowglad's SDK takes it, on both clients.

type Outputs = inferRouterOutputs<AppRouter>['flowglad']
type AppError = TRPCClientErrorLike<AppRouter>
type Subscription = CustomerBilling['subscriptions'][number]

const classic = createFlowgladHooks(createTRPCReact<AppRouter>())
const tanstack = createFlowgladHooks({ useTRPC: createTRPCContext<AppRouter>().useTRPC })

describe('hook signatures', () => {
  const hooks = classic

  it('useSubscriptions: subscriptions, current ones and the current one', () => {
    const state = hooks.useSubscriptions({ includeHistorical: true })
    expectTypeOf(state.subscriptions).toEqualTypeOf<Subscription[] | undefined>()
    expectTypeOf(state.currentSubscriptions).toEqualTypeOf<Subscription[] | undefined>()
    expectTypeOf(state.currentSubscription).toEqualTypeOf<Subscription | null | undefined>()
    expectTypeOf(state.error).toEqualTypeOf<AppError | null>()
    // @ts-expect-error includeHistorical is a boolean
    hooks.useSubscriptions({ includeHistorical: 'yes' })
  })

  it('useFeatures: the toggle features the customer has', () => {
    const state = hooks.useFeatures({ subscriptionId: 'sub_1' })
    expectTypeOf(state.features).toEqualTypeOf<FeatureAccessItem[] | undefined>()
    expectTypeOf(state.error).toEqualTypeOf<AppError | null>()
    // @ts-expect-error the scope names a subscription by id
    hooks.useFeatures({ subscriptionId: 1 })
  })

  it('useUsageMeters: the balances of the current subscription, as useUsageMeter gives one', () => {
    const state = hooks.useUsageMeters()
    type Balance = NonNullable<ReturnType<typeof hooks.useUsageMeter>['usageMeter']>
    expectTypeOf(state.usageMeters).toEqualTypeOf<Balance[] | undefined>()
    expectTypeOf<Balance>().toHaveProperty('availableBalance').toEqualTypeOf<number>()
    expectTypeOf(state.error).toEqualTypeOf<AppError | null>()
  })

  it('usePaymentMethods: the methods and the billing portal URL', () => {
    const state = hooks.usePaymentMethods()
    expectTypeOf(state.paymentMethods).toEqualTypeOf<CustomerBilling['paymentMethods'] | undefined>()
    expectTypeOf(state.billingPortalUrl).toEqualTypeOf<string | null | undefined>()
    // @ts-expect-error query options are TanStack's
    hooks.usePaymentMethods({ enabled: 'yes' })
  })

  it('usePurchases: purchases, cursor-paged, and hasPurchased', () => {
    const state = hooks.usePurchases({ limit: 10 })
    expectTypeOf(state.purchases).toEqualTypeOf<CustomerBilling['purchases'] | undefined>()
    expectTypeOf(state.hasPurchased).toEqualTypeOf<(purchaseName: string) => boolean>()
    // @ts-expect-error a page size is a number
    hooks.usePurchases({ limit: '10' })
  })

  it('useCustomerDetails: the customer as customerDetails returns it', () => {
    const state = hooks.useCustomerDetails()
    expectTypeOf(state.customer).toEqualTypeOf<CustomerDetails | undefined>()
    expectTypeOf(state.error).toEqualTypeOf<AppError | null>()
  })

  it('useResources: usages typed from resources.list, claim and release from the router', () => {
    const state = hooks.useResources()
    expectTypeOf(state.resources).toEqualTypeOf<Outputs['resources']['list']['resources'] | undefined>()
    expectTypeOf(state.claim).returns.resolves.toEqualTypeOf<Outputs['resources']['claim']>()
    expectTypeOf(state.release).returns.resolves.toEqualTypeOf<Outputs['resources']['release']>()
  })

  it('useResource: one resource, claim and release bound to its slug', () => {
    const state = hooks.useResource('seats')
    expectTypeOf(state.usage).toEqualTypeOf<Outputs['resources']['list']['resources'][number] | undefined>()
    expectTypeOf(state.claims).toEqualTypeOf<Outputs['resources']['claims']['claims']>()
    expectTypeOf(state.isLoadingClaims).toEqualTypeOf<boolean>()
    expectTypeOf(state.claim).parameter(0).not.toHaveProperty('resourceSlug')
    expectTypeOf(state.claim).returns.resolves.toEqualTypeOf<Outputs['resources']['claim']>()
  })

  it('useCustomerCache: a query predicate, reset and remove', () => {
    const cache = hooks.useCustomerCache()
    expectTypeOf(cache.isCustomerQuery).toEqualTypeOf<(query: Query) => boolean>()
    expectTypeOf(cache.reset).toEqualTypeOf<() => Promise<void>>()
    expectTypeOf(cache.remove).toEqualTypeOf<() => void>()
    // @ts-expect-error the cache takes no arguments
    hooks.useCustomerCache('user_1')
  })
})

describe('the tanstack client types these hooks as the classic client does', () => {
  it('gives every field the same type', () => {
    expectTypeOf(tanstack.useSubscriptions().subscriptions).toEqualTypeOf(
      classic.useSubscriptions().subscriptions,
    )
    expectTypeOf(tanstack.useSubscriptions().error).toEqualTypeOf(classic.useSubscriptions().error)
    expectTypeOf(tanstack.useFeatures().features).toEqualTypeOf(classic.useFeatures().features)
    expectTypeOf(tanstack.useUsageMeters().usageMeters).toEqualTypeOf(classic.useUsageMeters().usageMeters)
    expectTypeOf(tanstack.usePaymentMethods().paymentMethods).toEqualTypeOf(
      classic.usePaymentMethods().paymentMethods,
    )
    expectTypeOf(tanstack.usePurchases().purchases).toEqualTypeOf(classic.usePurchases().purchases)
    expectTypeOf(tanstack.useCustomerDetails().customer).toEqualTypeOf(classic.useCustomerDetails().customer)
    expectTypeOf(tanstack.useResources().resources).toEqualTypeOf(classic.useResources().resources)
    expectTypeOf(tanstack.useResource('seats').claim).toEqualTypeOf(classic.useResource('seats').claim)
    expectTypeOf(tanstack.useCustomerCache()).toEqualTypeOf(classic.useCustomerCache())
  })
})
