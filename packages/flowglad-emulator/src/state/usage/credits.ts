import type { MeterBalance } from '../EmulatorData'
import type { EmulatorStore } from '../EmulatorStore'
import type { SubscriptionItemFeatureRecord, UsageMeterBalanceRecord } from '../records'

function balanceFor(store: EmulatorStore, subscriptionId: string, usageMeterId: string): MeterBalance {
  let balance = store.data.meterBalances.find(
    (b) => b.subscriptionId === subscriptionId && b.usageMeterId === usageMeterId,
  )
  if (!balance) {
    balance = { subscriptionId, usageMeterId, recurring: 0, once: 0 }
    store.data.meterBalances.push(balance)
  }
  return balance
}

/** Active usage-credit features of a subscription (items not expired). */
function creditFeatures(store: EmulatorStore, subscriptionId: string): SubscriptionItemFeatureRecord[] {
  const itemIds = new Set(
    store.data.subscriptionItems
      .filter((item) => item.subscriptionId === subscriptionId && item.expiredAt === null)
      .map((item) => item.id),
  )
  return store.data.subscriptionItemFeatures.filter(
    (f) => itemIds.has(f.subscriptionItemId) && f.expiredAt === null && f.type === 'usage_credit_grant',
  )
}

/**
 * Starts a billing period's allowance: recurring credits are replaced (unused ones expire, like
 * Flowglad's period-scoped grants). `includeOnce` also issues one-time grants (at subscription start).
 */
export function grantPeriodCredits(store: EmulatorStore, subscriptionId: string, includeOnce: boolean): void {
  const recurring = new Map<string, number>()
  for (const feature of creditFeatures(store, subscriptionId)) {
    const meterId = feature.usageMeterId as string
    if (feature.renewalFrequency === 'every_billing_period') {
      recurring.set(meterId, (recurring.get(meterId) ?? 0) + (feature.amount ?? 0))
    } else if (includeOnce) {
      balanceFor(store, subscriptionId, meterId).once += feature.amount ?? 0
    }
  }
  for (const meter of store.catalog.metersById.values()) {
    balanceFor(store, subscriptionId, meter.id).recurring = recurring.get(meter.id) ?? 0
  }
}

/** Adds one-off credits (a top-up purchase) to a subscription's meter. */
export function grantOnceCredits(
  store: EmulatorStore,
  subscriptionId: string,
  usageMeterId: string,
  amount: number,
) {
  balanceFor(store, subscriptionId, usageMeterId).once += amount
}

/** Spends usage against a meter: recurring credits first, then one-off credits; overage goes negative. */
export function spendCredits(
  store: EmulatorStore,
  subscriptionId: string,
  usageMeterId: string,
  amount: number,
) {
  const balance = balanceFor(store, subscriptionId, usageMeterId)
  const fromRecurring = Math.min(Math.max(balance.recurring, 0), amount)
  const fromOnce = Math.min(Math.max(balance.once, 0), amount - fromRecurring)
  balance.recurring -= amount - fromOnce
  balance.once -= fromOnce
}

/** Every catalog meter's balance on a subscription, shaped as Flowglad reports it. */
export function meterBalances(store: EmulatorStore, subscriptionId: string): UsageMeterBalanceRecord[] {
  return [...store.catalog.metersById.values()].map(({ prices, defaultPrice, ...meter }) => {
    const balance = store.data.meterBalances.find(
      (b) => b.subscriptionId === subscriptionId && b.usageMeterId === meter.id,
    )
    return { ...meter, availableBalance: balance ? balance.recurring + balance.once : 0, subscriptionId }
  })
}
