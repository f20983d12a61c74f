import { describe, expect, it } from 'vitest'
import * as zodRoot from 'zod'
import { createCheckoutSessionInput, updateCustomerInput } from '../../src/core/inputs'
import { createTestApp, testUser } from '../support/createTestApp'

// Runs in both vitest projects: zod 4 (the default) and zod 3.25 (vitest.zod3.config.ts), where the
// root `zod` export is zod 3 and only `zod/v4` has `z.url()`, `z.email()` and `z.iso`.
const zodMajor = 'url' in zodRoot.z ? 4 : 3

describe(`the library on zod ${zodMajor}`, () => {
  it('runs on the zod its vitest project asks for', () => {
    expect(zodMajor).toBe(Number(process.env.EXPECT_ZOD_MAJOR ?? 4))
  })

  it('loads its input schemas and validates with them', () => {
    expect(
      createCheckoutSessionInput.safeParse({
        priceSlug: 'pro',
        successUrl: 'https://app.test/s',
        cancelUrl: 'https://app.test/c',
      }).success,
    ).toBe(true)
    expect(updateCustomerInput.safeParse({ email: 'not-an-email' }).success).toBe(false)
  })

  it('serves a procedure through the real handler and rejects bad input as BAD_REQUEST', async () => {
    const app = await createTestApp()
    try {
      const client = app.createClient(testUser())
      await expect(client.flowglad.pricing.default.query()).resolves.toHaveProperty('pricingModel')
      await expect(client.flowglad.customer.update.mutate({ email: 'nope' })).rejects.toMatchObject({
        data: { httpStatus: 400, code: 'BAD_REQUEST' },
      })
    } finally {
      await app.close()
    }
  })
})
