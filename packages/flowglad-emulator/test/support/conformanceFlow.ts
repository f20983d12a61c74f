import type { ConformanceRig } from './conformanceClient'

/** One day of the emulator's virtual clock. */
export const DAY = 24 * 60 * 60 * 1000
/** Redirect targets for checkout sessions (never followed: sessions are completed via control). */
export const URLS = { successUrl: 'https://app.example/success', cancelUrl: 'https://app.example/cancel' }

type Balance = { slug: string; availableBalance: number }

/** The customer steps the conformance tests repeat, bound to one rig and done only through `@flowglad/node`. */
export function conformanceFlow(rig: ConformanceRig) {
  const { client } = rig

  const signUp = async (externalId = 'user_1') => {
    const { data } = await client.customers.create({
      customer: { externalId, email: `${externalId}@example.com`, name: `User ${externalId}` },
    })
    return data
  }

  const priceIdOf = async (slug: string): Promise<string> => {
    const { pricingModel } = await client.pricingModels.retrieveDefault()
    const price = pricingModel.products.flatMap((p) => p.prices).find((p) => p.slug === slug)
    if (!price) throw new Error(`no price ${slug} in the default pricing model`)
    return price.id
  }

  const currentSubscription = async (externalId = 'user_1') => {
    const { currentSubscription: subscription } = await client.customers.retrieveBilling(externalId)
    if (!subscription) throw new Error(`${externalId} has no current subscription`)
    return subscription
  }

  /** Creates a product checkout and completes it the way pressing Pay on the hosted page does. */
  const checkout = async (externalId: string, priceSlug: string) => {
    const { checkoutSession } = await client.checkoutSessions.create({
      checkoutSession: { type: 'product', customerExternalId: externalId, priceSlug, ...URLS },
    })
    rig.emulator.control.completeCheckoutSession(checkoutSession.id)
    return checkoutSession
  }

  const meterBalance = async (
    externalId = 'user_1',
    meterSlug = 'api_calls',
  ): Promise<number | undefined> => {
    const { usageMeterBalances } = await client.get<{ usageMeterBalances: Balance[] }>(
      `/api/v1/customers/${externalId}/usage-balances`,
    )
    return usageMeterBalances.find((b) => b.slug === meterSlug)?.availableBalance
  }

  /** Records `amount` of usage on the `api_calls` meter against a subscription. */
  const spend = (subscriptionId: string | undefined, amount: number, transactionId: string) =>
    client.usageEvents.create({
      usageEvent: {
        subscriptionId: subscriptionId ?? '',
        usageMeterSlug: 'api_calls',
        amount,
        transactionId,
      },
    })

  return { signUp, priceIdOf, currentSubscription, checkout, meterBalance, spend }
}

/** The bound steps returned by `conformanceFlow`. */
export type ConformanceFlow = ReturnType<typeof conformanceFlow>
