import type { MeterBalance } from '../EmulatorData'
import type { EmulatorStore } from '../EmulatorStore'
import type { SubscriptionItemFeatureRecord, UsageMeterBalanceRecord } from '../records'

function balanceFor(store: EmulatorStore, subscriptionId: string, usageMeterId: string): MeterBalance {
  let balance = store.meterBalance(subscriptionId, usageMeterId)
  if (!balance) {
    balance = { subscriptionId, usageMeterId, recurring: 0, once: 0 }
    store.data.meterBalances.push(balance)
  }
  return balance
}

/** Active usage-credit features of a subscription (items not expired). */
function creditFeatures(store: EmulatorStore, subscriptionId: string): SubscriptionItemFeatureRecord[] {
  const itemIds = new Set(
    store.indexes.subscriptionItemsBySubscription
      .get(subscriptionId)
      .filter((item) => item.expiredAt === null)
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
  const onceIssued = new Map<string, number>()
  for (const feature of creditFeatures(store, subscriptionId)) {
    const meterId = feature.usageMeterId as string
    if (feature.renewalFrequency === 'every_billing_period') {
      recurring.set(meterId, (recurring.get(meterId) ?? 0) + (feature.amount ?? 0))
    } else if (includeOnce) {
      balanceFor(store, subscriptionId, meterId).once += feature.amount ?? 0
      onceIssued.set(meterId, (onceIssued.get(meterId) ?? 0) + (feature.amount ?? 0))
    }
  }
  // Only meters with a ledger entry have a balance row (a grant now, or an earlier grant or usage
  // whose recurring part expires here); see `meterBalances`.
  for (const balance of store.indexes.meterBalancesBySubscription.get(subscriptionId)) {
    if (recurring.has(balance.usageMeterId)) continue
    balance.recurring = 0
    balance.issued = onceIssued.get(balance.usageMeterId) ?? 0
  }
  for (const [meterId, amount] of recurring) {
    const balance = balanceFor(store, subscriptionId, meterId)
    balance.recurring = amount
    balance.issued = amount + (onceIssued.get(meterId) ?? 0)
  }
}

/**
 * Credits for a mid-period plan change, as subscriptions/subscriptionItemHelpers.ts
 * `grantProratedCreditsForFeatures` grants them: per meter, the new items' every-period grants
 * prorated to the rest of the period (`Math.round(amount × after)`) plus their one-time grants,
 * less what the period has already issued; only a positive delta is granted. Usage already spent
 * stays spent, and a downgrade keeps the credits it has.
 */
export function grantAdjustmentCredits(store: EmulatorStore, subscriptionId: string, after: number): void {
  const wanted = new Map<string, number>()
  for (const feature of creditFeatures(store, subscriptionId)) {
    const meterId = feature.usageMeterId as string
    const amount = feature.amount ?? 0
    const prorated = feature.renewalFrequency === 'every_billing_period' ? Math.round(amount * after) : amount
    wanted.set(meterId, (wanted.get(meterId) ?? 0) + prorated)
  }
  for (const [meterId, amount] of wanted) {
    const balance = balanceFor(store, subscriptionId, meterId)
    const issued = balance.issued ?? balance.recurring
    const delta = amount - issued
    if (delta <= 0) continue
    balance.recurring += delta
    balance.issued = issued + delta
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

/**
 * A subscription's meter balances, shaped as Flowglad reports them. Flowglad sums ledger entries
 * per meter (db/tableMethods/ledgerEntryMethods.ts `selectUsageMeterBalancesForSubscriptions`, an
 * inner join grouped by meter), so a meter is listed only once it has an entry: a credit grant or
 * usage. A paid plan whose billing run has not granted yet lists none.
 */
export function meterBalances(store: EmulatorStore, subscriptionId: string): UsageMeterBalanceRecord[] {
  return store.indexes.meterBalancesBySubscription.get(subscriptionId).flatMap((balance) => {
    const found = store.catalog.metersById.get(balance.usageMeterId)
    if (!found) return []
    const { prices, defaultPrice, ...meter } = found
    return [{ ...meter, availableBalance: balance.recurring + balance.once, subscriptionId }]
  })
}
