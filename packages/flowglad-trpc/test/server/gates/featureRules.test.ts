import { initTRPC } from '@trpc/server'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { selectFeatures, selectUsageMeters } from '../../../src/core/billingSelectors'
import type { SubscriptionLike } from '../../../src/core/billingTypes'
import { checkFeatureAccess, checkUsageBalance } from '../../../src/rsc'
import {
  type CustomerBilling,
  createFlowglad,
  createFlowgladMiddleware,
  createFlowgladRouter,
  type FlowgladCustomerResolver,
} from '../../../src/server'
import { customerOf, type TestContext, type TestUser, testUser } from '../../support/createTestApp'

// One feature rule and one meter rule, whoever asks: the `requireFeature` gate, the server's
// `features.access`, `checkFeatureAccess` (billing helpers and RSC), `useFeature` (its selector over
// billing.get) and `useUsageMeter` / `spend` for meters. A table over every feature type and plan
// state of the default pricing model, with billing payloads from the emulator.

let emulator: Emulator
beforeAll(async () => {
  emulator = await createEmulator({ listen: false })
})
afterAll(() => emulator.close())

/** An app with a gate for any feature slug (the slug is the input, for the table). */
function buildApp() {
  const flowglad = createFlowglad({ apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch })
  const t = initTRPC.context<TestContext>().create()
  const customer: FlowgladCustomerResolver<TestContext> = ({ ctx }) =>
    ctx.session ? customerOf(ctx.session.user) : null
  const gates = createFlowgladMiddleware({ flowglad, customer })
  return t.router({
    flowglad: createFlowgladRouter({ flowglad, router: t.router, procedure: t.procedure, customer }),
    gated: t.procedure
      .input(z.object({ slug: z.string() }))
      .use((opts) => gates.requireFeature(opts.input.slug as never)(opts))
      .query(() => true),
  })
}
let app: ReturnType<typeof buildApp>
const caller = (user: TestUser) => app.createCaller({ session: { user } })

/** The plan states, each a real customer brought there through the API. */
const states: Record<string, () => Promise<TestUser>> = {
  free: async () => {
    const user = testUser()
    await caller(user).flowglad.customer.findOrCreate()
    return user
  },
  paid: async () => {
    const user = testUser()
    const session = await caller(user).flowglad.checkout.create({
      priceSlug: 'pro_monthly',
      successUrl: 'https://app.test/ok',
      cancelUrl: 'https://app.test/cancel',
    })
    emulator.control.completeCheckoutSession(session.id)
    return user
  },
  canceled: async () => {
    const user = await states.paid!()
    const { subscriptions } = await caller(user).flowglad.subscriptions.list()
    const pro = subscriptions.find((s) => s.isFreePlan === false)
    await caller(user).flowglad.subscriptions.cancel({
      id: pro?.id as string,
      cancellation: { timing: 'immediately' },
    })
    return user
  },
}

const features = ['advanced_analytics', 'free_credits', 'team_seats_free', 'pro_credits', 'team_seats']
const meters = ['api_calls']

beforeAll(() => {
  app = buildApp()
})

describe.each(Object.keys(states))('plan state %s', (state) => {
  let user: TestUser
  let billing: CustomerBilling
  beforeAll(async () => {
    user = await states[state]!()
    billing = await caller(user).flowglad.billing.get()
  }, 60_000)

  it.each(features)(
    'every consumer gives one answer for feature %s (a toggle of a current plan)',
    async (slug) => {
      const current = billing.currentSubscriptions ?? []
      const gate = await caller(user)
        .gated({ slug })
        .then(
          () => true,
          () => false,
        )
      const serverAccess = (await caller(user).flowglad.features.access()).features.some(
        (f) => f.slug === slug,
      )
      const answers = {
        requireFeature: gate,
        'features.access': serverAccess,
        checkFeatureAccess: checkFeatureAccess(current, slug),
        useFeature: selectFeatures(billing).some((item) => item.slug === slug),
      }
      // Flowglad's SDK: a toggle feature item of a current subscription (top-level items preferred).
      const expected = current.some((subscription) => {
        const like = subscription as SubscriptionLike
        return (like.featureItems ?? like.experimental?.featureItems ?? []).some(
          (item) => item.slug === slug && item.type === 'toggle',
        )
      })
      expect(answers).toEqual({
        requireFeature: expected,
        'features.access': expected,
        checkFeatureAccess: expected,
        useFeature: expected,
      })
    },
  )

  it.each(meters)('useUsageMeter, checkUsageBalance and the server agree on meter %s', async (slug) => {
    const current = billing.currentSubscriptions ?? []
    const server = (await caller(user).flowglad.usageMeters.balances()).usageMeterBalances.find(
      (b) => b.slug === slug,
    )
    const hook = selectUsageMeters(billing).find((b) => (b as { slug: string }).slug === slug)
    const check = checkUsageBalance(current, slug)
    expect(hook?.availableBalance).toBe(check?.availableBalance)
    expect(server?.availableBalance).toBe(check?.availableBalance)
  })
})

describe('the states are what they say', () => {
  it('paid has the Pro toggle; canceled and free do not', async () => {
    const has = async (state: string) =>
      checkFeatureAccess(
        (await caller(await states[state]!()).flowglad.billing.get()).currentSubscriptions ?? [],
        'advanced_analytics',
      )
    expect({ free: await has('free'), paid: await has('paid'), canceled: await has('canceled') }).toEqual({
      free: false,
      paid: true,
      canceled: false,
    })
  })
})

describe('the free_credits disagreement', () => {
  it('on the Free plan, requireFeature("free_credits") refuses, as checkFeatureAccess and useFeature do (a credit grant is no toggle)', async () => {
    const user = await states.free!()
    const billing = await caller(user).flowglad.billing.get()
    expect(checkFeatureAccess(billing.currentSubscriptions ?? [], 'free_credits')).toBe(false)
    await expect(caller(user).gated({ slug: 'free_credits' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})
