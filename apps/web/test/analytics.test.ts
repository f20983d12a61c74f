import { TRPCError } from '@trpc/server'
import { getFlowgladRefusal } from 'flowglad-trpc'
import { describe, expect, it } from 'vitest'
import { GET } from '@/app/api/reports/analytics/route'
import { signedOut, signUp } from './support/signUp'

// The Pro-only export, gated by the library's `requireFeature` on the app's own procedure, and the
// plain download route that calls the same procedure. Real session, caller, emulator.

/** Buys Pro through the emulator's hosted checkout, as the browser does (Pay on the hosted page). */
async function upgradeToPro(caller: Awaited<ReturnType<typeof signUp>>['caller']): Promise<void> {
  const { url } = await caller.flowglad.checkout.create({
    priceSlug: 'pro_monthly',
    successUrl: 'http://localhost:3000/dashboard',
    cancelUrl: 'http://localhost:3000/pricing',
  })
  const paid = await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual' })
  expect(paid.status).toBe(303)
}

describe('analytics.export', () => {
  it('refuses the free plan: FORBIDDEN with the current plan and the Pro price that unlocks it', async () => {
    const { caller } = await signUp()
    const refused = await caller.analytics.export().catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(TRPCError)
    expect((refused as TRPCError).code).toBe('FORBIDDEN')
    const refusal = getFlowgladRefusal(refused)
    expect(refusal).toMatchObject({
      reason: 'feature_locked',
      feature: 'advanced_analytics',
      currentPlan: { productSlug: 'free' },
    })
    if (refusal?.reason !== 'feature_locked') throw new Error('unreachable')
    expect(refusal.unlockedBy.map((offer) => [offer.productName, offer.priceSlug])).toEqual([
      ['Pro', 'pro_monthly'],
    ])
  })

  it('exports the CSV once the customer is on Pro (upgraded from free through checkout)', async () => {
    const { caller } = await signUp()
    await upgradeToPro(caller)
    const { filename, csv } = await caller.analytics.export()
    expect(filename).toBe('analytics.csv')
    expect(csv).toMatch(/^day,signups\nMon,12\n/)
  })

  it('is UNAUTHORIZED signed out', async () => {
    await expect(signedOut().analytics.export()).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
  })
})

describe('GET /api/reports/analytics', () => {
  const get = (headers: Headers) =>
    GET(new Request('http://localhost:3000/api/reports/analytics', { headers }))

  it('answers 403 with the refusal on the free plan, 200 text/csv on Pro', async () => {
    const { caller, headers } = await signUp()
    const refused = await get(headers)
    expect(refused.status).toBe(403)
    const body = (await refused.json()) as {
      refusal: { reason: string; unlockedBy: { priceSlug: string }[] }
    }
    expect(body.refusal.reason).toBe('feature_locked')
    expect(body.refusal.unlockedBy[0]?.priceSlug).toBe('pro_monthly')

    await upgradeToPro(caller)
    const allowed = await get(headers)
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(await allowed.text()).toMatch(/^day,signups\n/)
  })

  it('answers 401 signed out', async () => {
    expect((await get(new Headers())).status).toBe(401)
  })
})
