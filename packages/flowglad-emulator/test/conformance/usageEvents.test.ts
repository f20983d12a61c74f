import { BadRequestError, InternalServerError } from '@flowglad/node'
import { describe, expect } from 'vitest'
import { bodyOf, caught, conformanceTest, useConformanceTarget } from '../support/conformanceSuite'

/** Usage events: utils/usage/usageEventHelpers.ts, the db-core usageEvents unique index. */
const flowglad = useConformanceTarget()

describe('usage events (usageEventHelpers.ts)', () => {
  conformanceTest('are idempotent per transactionId and need a positive integer amount', async () => {
    const meter = flowglad.model.usageMeters.find((m) => m.slug === 'api_calls')
    const { subscription } = await flowglad.signUp('usage')
    const event = (transactionId: string, amount: number) => ({
      usageEvent: {
        subscriptionId: subscription?.id ?? '',
        usageMeterId: meter?.id ?? '',
        amount,
        transactionId,
      },
    })
    const zero = await caught(flowglad.client.usageEvents.create(event(flowglad.target.newId('zero'), 0)))
    expect(zero).toBeInstanceOf(BadRequestError)
    expect((bodyOf(zero).error as Array<{ path: unknown[] }>).map((i) => i.path.join('.'))).toContain(
      'usageEvent.amount',
    )
    const transactionId = flowglad.target.newId('once')
    const first = await flowglad.client.usageEvents.create(event(transactionId, 1))
    const repeat = await flowglad.client.usageEvents.create(event(transactionId, 1))
    expect(repeat.usageEvent.id).toBe(first.usageEvent.id)
  })

  conformanceTest(
    'a transactionId used on another subscription is a 500 carrying its ConflictError',
    async () => {
      const first = await flowglad.signUp('tx_first')
      const second = await flowglad.signUp('tx_second')
      const transactionId = flowglad.target.newId('shared_tx')
      const event = (subscriptionId: string) => ({
        usageEvent: { subscriptionId, usageMeterSlug: 'api_calls', amount: 1, transactionId },
      })
      await flowglad.client.usageEvents.create(event(first.subscription?.id ?? ''))
      const reused = await caught(flowglad.client.usageEvents.create(event(second.subscription?.id ?? '')))
      expect(reused).toBeInstanceOf(InternalServerError)
      expect(bodyOf(reused)).toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
        error: `UsageEvent conflict: A usage event already exists for transactionid ${transactionId}, but does not belong to subscription ${second.subscription?.id}. Please provide a unique transactionId to create a new usage event.`,
      })
    },
  )
})

describe('usage event lookups (createUsageEvent procedure, ingestAndProcessUsageEvent)', () => {
  conformanceTest('an unknown meter slug is a 500 carrying the unwrapped NotFoundError', async () => {
    const { subscription } = await flowglad.signUp('meter')
    const error = await caught(
      flowglad.client.usageEvents.create({
        usageEvent: {
          subscriptionId: subscription?.id ?? '',
          usageMeterSlug: 'no_such_meter',
          amount: 1,
          transactionId: flowglad.target.newId('meter_tx'),
        },
      }),
    )
    expect(error).toBeInstanceOf(InternalServerError)
    expect(bodyOf(error)).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      error: `Unwrap called on Err: NotFoundError: UsageMeter not found: with slug no_such_meter (not in customer's pricing model)`,
    })
  })

  conformanceTest('usage on a canceled subscription is recorded (no status check)', async () => {
    const { externalId } = await flowglad.signUp('canceled_usage')
    const { subscription } = await flowglad.client.subscriptions.create({
      customerExternalId: externalId,
      priceId: flowglad.price('pro_monthly').id,
    })
    await flowglad.client.subscriptions.cancel(subscription.id, { cancellation: { timing: 'immediately' } })
    const transactionId = flowglad.target.newId('canceled_tx')
    const { usageEvent } = await flowglad.client.usageEvents.create({
      usageEvent: { subscriptionId: subscription.id, usageMeterSlug: 'api_calls', amount: 2, transactionId },
    })
    expect(usageEvent).toMatchObject({ subscriptionId: subscription.id, amount: 2, transactionId })
  })

  conformanceTest('usage for an archived customer is a 500 ArchivedCustomerError', async () => {
    const { externalId, subscription } = await flowglad.signUp('archived_usage')
    await flowglad.client.post(`/api/v1/customers/${externalId}/archive`, { body: {} })
    const error = await caught(
      flowglad.client.usageEvents.create({
        usageEvent: {
          subscriptionId: subscription?.id ?? '',
          usageMeterSlug: 'api_calls',
          amount: 1,
          transactionId: flowglad.target.newId('archived_tx'),
        },
      }),
    )
    expect(error).toBeInstanceOf(InternalServerError)
    expect(bodyOf(error)).toMatchObject({ error: 'Cannot create usage event for archived customer' })
  })

  conformanceTest('a bulk insert answers only the events it inserted', async () => {
    const { subscription } = await flowglad.signUp('bulk')
    const event = (transactionId: string) => ({
      subscriptionId: subscription?.id ?? '',
      usageMeterSlug: 'api_calls',
      amount: 1,
      transactionId,
    })
    const old = flowglad.target.newId('bulk_old')
    const fresh = flowglad.target.newId('bulk_new')
    await flowglad.client.usageEvents.create({ usageEvent: event(old) })
    const { usageEvents } = await flowglad.client.post<{ usageEvents: Array<{ transactionId: string }> }>(
      '/api/v1/usage-events/bulk',
      { body: { usageEvents: [event(old), event(fresh), event(fresh)] } },
    )
    expect(usageEvents.map((e) => e.transactionId)).toEqual([fresh])
  })
})
