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
