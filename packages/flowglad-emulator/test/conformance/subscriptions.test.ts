import { BadRequestError, InternalServerError, NotFoundError } from '@flowglad/node'
import { describe, expect } from 'vitest'
import { bodyOf, caught, conformanceTest, useConformanceTarget } from '../support/conformanceSuite'

/**
 * Subscriptions: subscriptions/cancelSubscription.ts, adjustSubscription.ts, createSubscription.
 * Flowglad's domain errors (ValidationError, ConflictError, NotFoundError) escape
 * `domainErrorMiddleware` (src/server/trpc.ts: with tRPC 11.8 `next()` returns the error instead of
 * throwing it), so each refusal is a 500 INTERNAL_SERVER_ERROR carrying the domain message.
 */
const flowglad = useConformanceTarget()

/** A refusal as Flowglad sends it today: 500, code INTERNAL_SERVER_ERROR, the domain message. */
const expectPanic = (error: unknown, message: string | RegExp) => {
  expect(error).toBeInstanceOf(InternalServerError)
  expect(bodyOf(error)).toMatchObject({
    code: 'INTERNAL_SERVER_ERROR',
    error: typeof message === 'string' ? message : expect.stringMatching(message),
  })
}

describe('subscription refusals (500 with the domain message)', () => {
  conformanceTest('an unknown subscription id is a 500 carrying the unwrap panic', async () => {
    const id = flowglad.target.newId('sub_missing')
    const error = await caught(flowglad.client.subscriptions.retrieve(id))
    expectPanic(error, new RegExp(`No subscriptions found with id: ${id}`))
  })

  conformanceTest('the default free plan cannot be canceled', async () => {
    const { subscription } = await flowglad.signUp('free_cancel')
    expect(subscription?.isFreePlan).toBe(true)
    const cancel = await caught(
      flowglad.client.subscriptions.cancel(subscription?.id ?? '', {
        cancellation: { timing: 'immediately' },
      }),
    )
    expectPanic(
      cancel,
      'Invalid subscription: Cannot cancel the default free plan. Please upgrade to a paid plan instead.',
    )
  })

  conformanceTest('the default free plan cannot be adjusted', async () => {
    const { subscription } = await flowglad.signUp('free_adjust')
    expect(subscription?.isFreePlan).toBe(true)
    const adjust = await caught(
      flowglad.client.subscriptions.adjust(subscription?.id ?? '', {
        adjustment: {
          timing: 'immediately',
          newSubscriptionItems: [{ priceId: flowglad.price('pro_monthly').id }],
        },
      }),
    )
    expectPanic(
      adjust,
      'Unwrap called on Err: ValidationError: Invalid subscription: Cannot adjust free plan subscriptions. Use createSubscription to upgrade from a free plan instead.',
    )
  })

  conformanceTest('adjusting an unknown subscription is a 500 carrying its NotFoundError', async () => {
    const id = flowglad.target.newId('sub_missing')
    const adjust = await caught(
      flowglad.client.subscriptions.adjust(id, {
        adjustment: {
          timing: 'immediately',
          newSubscriptionItems: [{ priceId: flowglad.price('pro_monthly').id }],
        },
      }),
    )
    expectPanic(adjust, `Unwrap called on Err: NotFoundError: Subscription not found: ${id}`)
  })

  conformanceTest('a second free subscription is a 500 carrying its ConflictError', async () => {
    const { externalId, customer } = await flowglad.signUp('free_twice')
    const second = await caught(
      flowglad.client.subscriptions.create({
        customerExternalId: externalId,
        priceId: flowglad.price('free_monthly').id,
      }),
    )
    expectPanic(
      second,
      `Unwrap called on Err: ConflictError: Subscription conflict: Customer ${customer.id} already has an active free subscription. Only one free subscription is allowed per customer. Please upgrade or cancel the existing free subscription before creating a new one.`,
    )
  })
})

describe('creating a paid subscription (createSubscription, deriveSubscriptionStatus)', () => {
  conformanceTest('without a card it is incomplete and replaces the free plan', async () => {
    const { externalId, subscription: free } = await flowglad.signUp('paid')
    expect(free?.isFreePlan).toBe(true)
    const { subscription } = await flowglad.client.subscriptions.create({
      customerExternalId: externalId,
      priceId: flowglad.price('pro_monthly').id,
    })
    expect(subscription).toMatchObject({ status: 'incomplete', current: false })
    const billing = await flowglad.client.customers.retrieveBilling(externalId)
    expect(billing.subscriptions.find((s) => s.id === free?.id)).toMatchObject({
      status: 'canceled',
      cancellationReason: 'upgraded_to_paid',
    })
  })

  conformanceTest(
    'billing carries `currentSubscription: null` when the only subscription is incomplete',
    async () => {
      const { externalId } = await flowglad.signUp('incomplete_only')
      await flowglad.client.subscriptions.create({
        customerExternalId: externalId,
        priceId: flowglad.price('pro_monthly').id,
      })
      const billing = (await flowglad.client.customers.retrieveBilling(externalId)) as unknown as Record<
        string,
        unknown
      >
      expect(billing).toHaveProperty('currentSubscription', null)
      expect(billing.currentSubscriptions).toEqual([])
    },
  )
})

describe('creating a subscription: customer and price (validateAndResolve…ForSubscription)', () => {
  conformanceTest('an unknown customer or price slug is a 404 in Flowglad’s words', async () => {
    const nobody = flowglad.target.newId('nobody')
    const customer = await caught(
      flowglad.client.subscriptions.create({
        customerExternalId: nobody,
        priceId: flowglad.price('pro_monthly').id,
      }),
    )
    expect(customer).toBeInstanceOf(NotFoundError)
    expect(bodyOf(customer)).toMatchObject({
      code: 'NOT_FOUND',
      error: `Customer with externalId ${nobody} not found`,
    })
    const { externalId } = await flowglad.signUp('bad_price')
    const price = await caught(
      flowglad.client.post('/api/v1/subscriptions', {
        body: { customerExternalId: externalId, priceSlug: 'no_such_price' },
      }),
    )
    expect(price).toBeInstanceOf(NotFoundError)
    expect(bodyOf(price)).toMatchObject({
      code: 'NOT_FOUND',
      error: `Price with slug "no_such_price" not found for this customer's pricing model`,
    })
  })
})

describe('creating a subscription: the price type (validateAndResolvePriceForSubscription)', () => {
  conformanceTest(
    'a usage or single-payment price cannot start a subscription: 400 in Flowglad’s words',
    async () => {
      const { externalId } = await flowglad.signUp('price_type')
      const usage = await caught(
        flowglad.client.post('/api/v1/subscriptions', {
          body: { customerExternalId: externalId, priceSlug: 'api_calls_no_charge' },
        }),
      )
      expect(usage).toBeInstanceOf(BadRequestError)
      expect(bodyOf(usage)).toMatchObject({
        code: 'BAD_REQUEST',
        error:
          'Price "api_calls_no_charge" is a usage price and cannot be used to create a subscription directly. Use a subscription price instead.',
      })
      const once = flowglad.price('credit_top_up_once')
      const single = await caught(
        flowglad.client.subscriptions.create({ customerExternalId: externalId, priceId: once.id }),
      )
      expect(single).toBeInstanceOf(BadRequestError)
      expect(bodyOf(single)).toMatchObject({
        code: 'BAD_REQUEST',
        error: `Price ${once.id} is a single payment price and cannot be used to create a subscription.`,
      })
    },
  )
})

describe('a canceled subscription (cancelSubscriptionProcedureTransaction, convertPreviewFailureToError)', () => {
  conformanceTest('cancels again unchanged, and adjusting it is a TerminalStateError panic', async () => {
    const { externalId } = await flowglad.signUp('terminal')
    const { subscription } = await flowglad.client.subscriptions.create({
      customerExternalId: externalId,
      priceId: flowglad.price('pro_monthly').id,
    })
    const cancel = { cancellation: { timing: 'immediately' as const } }
    const first = await flowglad.client.subscriptions.cancel(subscription.id, cancel)
    expect(first.subscription).toMatchObject({ id: subscription.id, status: 'canceled' })
    const again = await flowglad.client.subscriptions.cancel(subscription.id, cancel)
    expect(again.subscription).toMatchObject({ id: subscription.id, status: 'canceled' })
    const adjust = await caught(
      flowglad.client.subscriptions.adjust(subscription.id, {
        adjustment: {
          timing: 'immediately',
          newSubscriptionItems: [{ priceId: flowglad.price('pro_monthly').id }],
        },
      }),
    )
    expectPanic(
      adjust,
      `Unwrap called on Err: TerminalStateError: Subscription ${subscription.id} is in terminal state: canceled`,
    )
  })
})
