import type { Flowglad as FlowgladNodeClient } from '@flowglad/node'
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server'
import { describe, expectTypeOf, it } from 'vitest'
import type {
  CheckoutSessionResult,
  CustomerBilling,
  CustomerDetails,
  FeatureAccessItem,
  PricingModel,
  SubscriptionDetails,
} from '../../src/server'
import type { AppRouter, TestApp } from '../support/createTestApp'

type Inputs = inferRouterInputs<AppRouter>['flowglad']
type Outputs = inferRouterOutputs<AppRouter>['flowglad']

describe('AppRouter inference for the Flowglad procedures', () => {
  it('infers read outputs from @flowglad/node types', () => {
    expectTypeOf<Outputs['billing']['get']>().toEqualTypeOf<CustomerBilling>()
    expectTypeOf<Outputs['pricing']['default']>().toEqualTypeOf<{ pricingModel: PricingModel }>()
    expectTypeOf<Outputs['pricing']['get']['source']>().toEqualTypeOf<'customer' | 'default'>()
    expectTypeOf<Outputs['customer']['get']>().toEqualTypeOf<{ customer: CustomerDetails }>()
    expectTypeOf<
      Outputs['subscriptions']['list']['currentSubscription']
    >().toEqualTypeOf<SubscriptionDetails | null>()
    expectTypeOf<Outputs['features']['access']>().toEqualTypeOf<{ features: FeatureAccessItem[] }>()
    expectTypeOf<
      Outputs['usageMeters']['balances']['usageMeterBalances'][number]['availableBalance']
    >().toEqualTypeOf<number>()
    expectTypeOf<Outputs['paymentMethods']['list']['billingPortalUrl']>().toEqualTypeOf<string | null>()
    expectTypeOf<Outputs['invoices']['list']['invoices']>().toEqualTypeOf<CustomerBilling['invoices']>()
    expectTypeOf<Outputs['purchases']['list']['purchases']>().toEqualTypeOf<CustomerBilling['purchases']>()
    expectTypeOf<Outputs['resources']['list']['resources'][number]['available']>().toEqualTypeOf<number>()
    expectTypeOf<Outputs['resources']['claims']['claims'][number]['externalId']>().toEqualTypeOf<
      string | null
    >()
  })

  it('infers write outputs', () => {
    expectTypeOf<Outputs['checkout']['create']>().toEqualTypeOf<CheckoutSessionResult>()
    expectTypeOf<Outputs['checkout']['createActivateSubscription']>().toEqualTypeOf<{
      id: string
      url: string
    }>()
    expectTypeOf<
      Outputs['subscriptions']['cancel']
    >().toEqualTypeOf<FlowgladNodeClient.SubscriptionCancelResponse>()
    expectTypeOf<Outputs['subscriptions']['adjust']['resolvedTiming']>().toEqualTypeOf<
      'immediately' | 'at_end_of_current_billing_period'
    >()
    expectTypeOf<
      Outputs['usageEvents']['create']
    >().toEqualTypeOf<FlowgladNodeClient.UsageEventCreateResponse>()
    expectTypeOf<
      Outputs['resources']['claim']
    >().toEqualTypeOf<FlowgladNodeClient.ResourceClaimClaimResponse>()
    expectTypeOf<
      Outputs['resources']['release']
    >().toEqualTypeOf<FlowgladNodeClient.ResourceClaimReleaseResponse>()
    expectTypeOf<
      Outputs['customer']['update']['customer']
    >().toEqualTypeOf<FlowgladNodeClient.CustomerClientSelectSchema>()
  })

  it('infers inputs from the validators, with no customer id anywhere', () => {
    // Optional inputs: callers may omit them (`void`), and the object itself takes no keys.
    expectTypeOf<undefined>().toExtend<Inputs['billing']['get']>()
    expectTypeOf<keyof Exclude<Exclude<Inputs['billing']['get'], undefined>, void>>().toEqualTypeOf<string>()
    expectTypeOf<Inputs['usageEvents']['create']>().toHaveProperty('usageMeterSlug')
    expectTypeOf<Inputs['usageEvents']['create']['amount']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<Inputs['subscriptions']['cancel']['cancellation']>().toEqualTypeOf<
      { timing: 'at_end_of_current_billing_period' } | { timing: 'immediately' }
    >()
    expectTypeOf<Inputs['subscriptions']['adjust']['timing']>().toEqualTypeOf<
      'immediately' | 'at_end_of_current_billing_period' | 'auto' | undefined
    >()
    expectTypeOf<
      Inputs['checkout']['createActivateSubscription']['targetSubscriptionId']
    >().toEqualTypeOf<string>()
    expectTypeOf<undefined>().toExtend<Inputs['invoices']['list']>()
    expectTypeOf<Exclude<Exclude<Inputs['invoices']['list'], undefined>, void>>().toEqualTypeOf<{
      limit?: number | undefined
      startingAfter?: string | undefined
    }>()
    expectTypeOf<Inputs['usageEvents']['create']>().not.toHaveProperty('customerId')
    expectTypeOf<Inputs['checkout']['create']>().not.toHaveProperty('customerExternalId')
  })

  it('keeps the app router beside Flowglad and its superjson output types', () => {
    expectTypeOf<inferRouterOutputs<AppRouter>['posts']['list'][number]['at']>().toEqualTypeOf<Date>()
  })

  it('types the caller: optional inputs can be omitted, queries and mutations keep their kinds', () => {
    type Caller = ReturnType<TestApp['createCaller']>
    expectTypeOf<Caller['flowglad']['billing']['get']>().toBeCallableWith()
    expectTypeOf<Caller['flowglad']['usageEvents']['create']>().toBeCallableWith({
      usageMeterSlug: 'api_calls',
    })
    expectTypeOf<ReturnType<Caller['flowglad']['billing']['get']>>().toEqualTypeOf<Promise<CustomerBilling>>()
    expectTypeOf<AppRouter['flowglad']['billing']['get']['_def']['type']>().toEqualTypeOf<'query'>()
    expectTypeOf<
      AppRouter['flowglad']['subscriptions']['cancel']['_def']['type']
    >().toEqualTypeOf<'mutation'>()
  })
})

describe('server API types (forCustomer)', () => {
  it('mirrors the procedures: same inputs, same outputs', () => {
    type Api = import('../../src/server').FlowgladCustomerApi
    expectTypeOf<ReturnType<Api['billing']['get']>>().toEqualTypeOf<Promise<CustomerBilling>>()
    expectTypeOf<Api['billing']['get']>().toBeCallableWith()
    expectTypeOf<Api['subscriptions']['cancel']>()
      .parameter(0)
      .toEqualTypeOf<Inputs['subscriptions']['cancel']>()
    expectTypeOf<Awaited<ReturnType<Api['checkout']['create']>>>().toEqualTypeOf<
      Outputs['checkout']['create']
    >()
  })
})

describe('the registry drives the router', () => {
  it('has one handler per registry action, with the same kind on the router', () => {
    type Paths<T> = { [G in keyof T]: `${G & string}.${keyof T[G] & string}` }[keyof T]
    expectTypeOf<Paths<import('../../src/server/handlers').FlowgladHandlers>>().toEqualTypeOf<
      import('../../src/core/actions').ActionPath | import('../../src/core/actions').ServerActionPath
    >()
    expectTypeOf<Paths<AppRouter['flowglad']>>().toEqualTypeOf<import('../../src/core/actions').ActionPath>()
  })

  it('keeps server-only actions off the router type and on forCustomer', () => {
    type Api = import('../../src/server').FlowgladCustomerApi
    expectTypeOf<import('../../src/core/actions').ServerActionPath>().toEqualTypeOf<
      'customer.archive' | 'subscriptions.create' | 'usageEvents.bulkCreate'
    >()
    expectTypeOf<AppRouter['flowglad']['subscriptions']>().not.toHaveProperty('create')
    expectTypeOf<AppRouter['flowglad']['usageEvents']>().not.toHaveProperty('bulkCreate')
    expectTypeOf<AppRouter['flowglad']['customer']>().not.toHaveProperty('archive')
    expectTypeOf<Api['subscriptions']['create']>()
      .parameter(0)
      .toMatchTypeOf<{ priceSlug?: string | undefined; quantity?: number | undefined }>()
    expectTypeOf<Awaited<ReturnType<Api['usageEvents']['bulkCreate']>>>().toEqualTypeOf<
      import('../../src/server').BulkCreateUsageEventsResult
    >()
    expectTypeOf<Api['customer']['archive']>().toBeCallableWith()
  })
})
