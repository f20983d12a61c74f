import { creditGrant, findPriceById, type PricingModelLike } from './billingOffers'

interface SubscriptionLike {
  createdAt: string | number | Date
  currentBillingPeriodEnd?: string | number | Date | null
  subscriptionItems: readonly { priceId: string | null }[]
}

interface PurchaseLike {
  priceId: string | null
  status: string
  quantity?: number | null
  createdAt: string | number | Date
}

/** The billing fields the breakdown reads. */
export interface BillingLike {
  pricingModel: PricingModelLike
  currentSubscriptions?: readonly SubscriptionLike[] | null
  purchases?: readonly PurchaseLike[] | null
}

/** A meter's balance split into the plan's allowance and top-up credits. */
export interface CreditBreakdown {
  /** Credits the plan grants every billing period. */
  allowance: number
  allowanceLeft: number
  /** Top-up credits still available (they do not expire). */
  topUpLeft: number
  /** What the bar is measured against: the allowance plus the top-up credits left. */
  capacity: number
  /** When the allowance is granted again (the current period's end), if known. */
  resetsAt: string | number | Date | null
  currentPriceIds: ReadonlySet<string>
}

const time = (value: string | number | Date) => new Date(value).getTime()

/**
 * Splits `available` into allowance and top-up credits. Flowglad reports one available balance
 * per meter; the split follows its order of use: usage draws on the period's allowance first and
 * on top-up credits only once the allowance is gone. So the top-up credits left are those bought
 * on the current subscription, capped by what is available.
 */
export function creditBreakdown(billing: BillingLike, meterSlug: string, available: number): CreditBreakdown {
  const model = billing.pricingModel
  const subscription = billing.currentSubscriptions?.[0]
  const currentPriceIds = new Set(
    (billing.currentSubscriptions ?? []).flatMap((current) =>
      current.subscriptionItems.flatMap((item) => (item.priceId ? [item.priceId] : [])),
    ),
  )
  const allowance = [...currentPriceIds].reduce(
    (sum, priceId) =>
      sum + creditGrant(model, findPriceById(model, priceId)?.product, meterSlug, 'every_billing_period'),
    0,
  )
  const since = subscription ? time(subscription.createdAt) : Number.POSITIVE_INFINITY
  const topUpsBought = (billing.purchases ?? [])
    .filter((purchase) => purchase.status === 'paid' && time(purchase.createdAt) >= since)
    .reduce((sum, purchase) => {
      const grant = creditGrant(
        model,
        (purchase.priceId ? findPriceById(model, purchase.priceId) : null)?.product,
        meterSlug,
        'once',
      )
      return sum + grant * (purchase.quantity ?? 1)
    }, 0)
  const topUpLeft = Math.max(0, Math.min(available, topUpsBought))
  const allowanceLeft = Math.max(0, available - topUpLeft)
  return {
    allowance,
    allowanceLeft,
    topUpLeft,
    capacity: Math.max(allowance + topUpLeft, available),
    resetsAt: subscription?.currentBillingPeriodEnd ?? null,
    currentPriceIds,
  }
}
