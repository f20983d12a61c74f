import { InternalServerError, NotFoundError } from '@flowglad/node'
import { describe, expect } from 'vitest'
import { bodyOf, caught, conformanceTest, useConformanceTarget } from '../support/conformanceSuite'

/**
 * Lookups of unknown ids: a `selectXById(...).unwrap()` panics (a 500 naming the table, once per
 * unwrap), a plain `Error` is a 500 with its text, a TRPCError NOT_FOUND is a 404.
 */
const flowglad = useConformanceTarget()

const expect500 = (error: unknown, message: string) => {
  expect(error).toBeInstanceOf(InternalServerError)
  expect(bodyOf(error)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', error: message })
}

describe('unknown ids (selectXById().unwrap(), getPricingModel)', () => {
  conformanceTest('an unknown pricing model id is a 500 with the plain Error text', async () => {
    const id = flowglad.target.newId('pricing_model')
    expect500(await caught(flowglad.client.pricingModels.retrieve(id)), `Pricing Model ${id} not found`)
  })

  conformanceTest('an unknown checkout session id is a doubly unwrapped 500', async () => {
    const id = flowglad.target.newId('chckt_session')
    expect500(
      await caught(flowglad.client.checkoutSessions.retrieve(id)),
      `Unwrap called on Err: Panic: Unwrap called on Err: NotFoundError: No checkout sessions found with id: ${id}`,
    )
  })

  conformanceTest('an unknown usage event id is a once-unwrapped 500', async () => {
    const id = flowglad.target.newId('usage_event')
    expect500(
      await caught(flowglad.client.usageEvents.retrieve(id)),
      `Unwrap called on Err: NotFoundError: No usage events found with id: ${id}`,
    )
  })

  conformanceTest('canceling or claiming on an unknown subscription is a 500 naming the lookup', async () => {
    const id = flowglad.target.newId('sub')
    const panic = `Unwrap called on Err: NotFoundError: No subscriptions found with id: ${id}`
    expect500(
      await caught(flowglad.client.subscriptions.cancel(id, { cancellation: { timing: 'immediately' } })),
      panic,
    )
    expect500(
      await caught(
        flowglad.client.post(`/api/v1/resource-claims/${id}/claim`, {
          body: { resourceSlug: 'seats', quantity: 1 },
        }),
      ),
      panic,
    )
  })

  conformanceTest('usage balances for a subscription the customer lacks are a 404', async () => {
    const { externalId } = await flowglad.signUp('balances')
    const id = flowglad.target.newId('sub')
    const error = await caught(
      flowglad.client.get(`/api/v1/customers/${externalId}/usage-balances`, {
        query: { subscriptionId: id },
      }),
    )
    expect(error).toBeInstanceOf(NotFoundError)
    expect(bodyOf(error)).toMatchObject({
      code: 'NOT_FOUND',
      error: `Subscription with id ${id} not found for customer ${externalId}`,
    })
  })
})
