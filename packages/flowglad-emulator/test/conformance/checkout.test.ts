import { InternalServerError } from '@flowglad/node'
import { describe, expect } from 'vitest'
import { bodyOf, caught, conformanceTest, useConformanceTarget } from '../support/conformanceSuite'

/**
 * Checkout refusals: utils/bookkeeping/createCheckoutSession.ts. Its ValidationErrors escape
 * `domainErrorMiddleware` (src/server/trpc.ts), so each is a 500 carrying the domain message.
 */
const flowglad = useConformanceTarget()

const urls = { successUrl: 'https://example.com/ok', cancelUrl: 'https://example.com/cancel' }

const expectPanic = (error: unknown, message: string | RegExp) => {
  expect(error).toBeInstanceOf(InternalServerError)
  expect(bodyOf(error)).toMatchObject({
    code: 'INTERNAL_SERVER_ERROR',
    error: typeof message === 'string' ? message : expect.stringMatching(message),
  })
}

describe('product checkout refusals (createCheckoutSession)', () => {
  conformanceTest('an unknown price slug is refused for the customer’s pricing model', async () => {
    const { externalId } = await flowglad.signUp('slug')
    const error = await caught(
      flowglad.client.checkoutSessions.create({
        checkoutSession: {
          type: 'product',
          customerExternalId: externalId,
          priceSlug: 'no_such_price',
          ...urls,
        },
      }),
    )
    expectPanic(
      error,
      `Invalid priceSlug: Price with slug "no_such_price" not found for customer's pricing model`,
    )
  })

  conformanceTest('the default product cannot be checked out', async () => {
    const { externalId } = await flowglad.signUp('default_product')
    const error = await caught(
      flowglad.client.checkoutSessions.create({
        checkoutSession: {
          type: 'product',
          customerExternalId: externalId,
          priceSlug: 'free_monthly',
          ...urls,
        },
      }),
    )
    expectPanic(
      error,
      'Invalid product: Checkout sessions cannot be created for default products. Default products are automatically assigned to customers and do not require manual checkout.',
    )
  })

  conformanceTest('an unknown customer is refused, by slug and by price id', async () => {
    const externalId = flowglad.target.newId('nobody')
    const bySlug = await caught(
      flowglad.client.checkoutSessions.create({
        checkoutSession: {
          type: 'product',
          customerExternalId: externalId,
          priceSlug: 'pro_monthly',
          ...urls,
        },
      }),
    )
    expectPanic(
      bySlug,
      'Invalid customer: Customer is required to resolve price slug for identified checkout sessions',
    )
    const byId = await caught(
      flowglad.client.checkoutSessions.create({
        checkoutSession: {
          type: 'product',
          customerExternalId: externalId,
          priceId: flowglad.price('pro_monthly').id,
          ...urls,
        },
      }),
    )
    expectPanic(
      byId,
      new RegExp(
        `^Invalid checkoutSession: Required customer not found for Product checkout \\(anonymous=false\\)\\. externalId='${externalId}', organization='[^']+'\\.$`,
      ),
    )
  })

  conformanceTest('an unknown price id or a usage price is refused', async () => {
    const { externalId } = await flowglad.signUp('price_checks')
    const priceId = flowglad.target.newId('price')
    const unknown = await caught(
      flowglad.client.checkoutSessions.create({
        checkoutSession: { type: 'product', customerExternalId: externalId, priceId, ...urls },
      }),
    )
    expectPanic(
      unknown,
      `Invalid priceId: Invalid or not-found price ID: no matching price found for id "${priceId}"`,
    )
    const usage = await caught(
      flowglad.client.checkoutSessions.create({
        checkoutSession: {
          type: 'product',
          customerExternalId: externalId,
          priceSlug: 'api_calls_no_charge',
          ...urls,
        },
      }),
    )
    expectPanic(
      usage,
      'Invalid priceId: Checkout sessions are only supported for product prices (subscription/single payment), not usage prices',
    )
  })
})
