import type { TestApp, TestUser } from './createTestApp'

/**
 * Upgrades the user's customer to the paid `pro_monthly` plan the way Flowglad accepts and apps do:
 * a checkout session through the router, then Pay on the hosted page (the emulator's control),
 * which replaces the free plan. Returns the paid subscription's id. Flowglad refuses to cancel or
 * adjust the default free plan, so tests of those writes start here.
 */
export async function subscribeToPaidPlan(app: TestApp, user: TestUser): Promise<string> {
  const caller = app.createCaller(user)
  const session = await caller.flowglad.checkout.create({
    priceSlug: 'pro_monthly',
    successUrl: 'https://app.test/success',
    cancelUrl: 'https://app.test/cancel',
  })
  app.emulator.control.completeCheckoutSession(session.id)
  const { currentSubscriptions } = await caller.flowglad.subscriptions.list()
  const paid = currentSubscriptions.find((subscription) => !subscription.isFreePlan)
  if (!paid) throw new Error('checkout did not start a paid subscription')
  return paid.id
}
