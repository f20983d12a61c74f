import { spendCredits } from './credits'
import type { EmulatorStore } from './EmulatorStore'
import { badRequest, notFound } from './FlowgladApiError'
import type { UsageEventRecord, UsageMeterWithPricesRecord, UsagePriceRecord } from './records'

/** A validated usage event: exactly one of the four meter/price identifiers. */
export interface UsageEventInput {
  subscriptionId: string
  amount: number
  transactionId: string
  usageDate?: number | undefined
  properties?: Record<string, unknown> | null | undefined
  priceId?: string | undefined
  priceSlug?: string | undefined
  usageMeterId?: string | undefined
  usageMeterSlug?: string | undefined
}

function resolveMeterAndPrice(
  store: EmulatorStore,
  input: UsageEventInput,
): { meter: UsageMeterWithPricesRecord; price: UsagePriceRecord } {
  const { catalog } = store
  if (input.priceId || input.priceSlug) {
    const price = store.price(input)
    if (price.type !== 'usage') throw badRequest(`Price ${price.slug ?? price.id} is not a usage price`)
    return { meter: catalog.metersById.get(price.usageMeterId) as UsageMeterWithPricesRecord, price }
  }
  const meter = input.usageMeterId
    ? catalog.metersById.get(input.usageMeterId)
    : catalog.metersBySlug.get(input.usageMeterSlug ?? '')
  if (!meter) {
    throw notFound(
      input.usageMeterId ? 'Usage meter' : 'Usage meter with slug',
      input.usageMeterId ?? input.usageMeterSlug ?? '',
    )
  }
  return { meter, price: meter.defaultPrice ?? (meter.prices[0] as UsagePriceRecord) }
}

/** Checks an event against state without recording it (so a bulk insert is all-or-nothing). */
function prepareUsageEvent(store: EmulatorStore, input: UsageEventInput) {
  const subscription = store.subscription(input.subscriptionId)
  const duplicate = store.usageEventByTransaction(input.subscriptionId, input.transactionId)
  if (duplicate) return { duplicate }
  if (!subscription.current) {
    throw badRequest(
      `Subscription ${subscription.id} is ${subscription.status}; usage needs a current subscription`,
    )
  }
  return { subscription, ...resolveMeterAndPrice(store, input) }
}

function recordPrepared(store: EmulatorStore, input: UsageEventInput): UsageEventRecord {
  const prepared = prepareUsageEvent(store, input)
  if (prepared.duplicate) return prepared.duplicate
  const { subscription, meter, price } = prepared
  const stamp = store.stamp('usage_event')
  const event: UsageEventRecord = {
    ...stamp,
    customerId: subscription.customerId,
    subscriptionId: subscription.id,
    usageMeterId: meter.id,
    billingPeriodId: null,
    amount: input.amount,
    usageDate: input.usageDate ?? stamp.createdAt,
    transactionId: input.transactionId,
    priceId: price.id,
    properties: input.properties ?? null,
    pricingModelId: meter.pricingModelId,
  }
  // count_distinct_properties meters count each distinct property set once per period.
  const since = subscription.currentBillingPeriodStart ?? 0
  const counted =
    meter.aggregationType === 'sum'
      ? input.amount
      : store.data.usageEvents.some(
            (e) =>
              e.subscriptionId === subscription.id &&
              e.usageMeterId === meter.id &&
              e.createdAt >= since &&
              JSON.stringify(e.properties) === JSON.stringify(event.properties),
          )
        ? 0
        : 1
  store.addUsageEvent(event)
  spendCredits(store, subscription.id, meter.id, counted)
  return event
}

/** Records usage and spends it against the meter's credits. A repeated transactionId returns the original event. */
export function createUsageEvent(store: EmulatorStore, input: UsageEventInput): UsageEventRecord {
  const event = recordPrepared(store, input)
  store.changed()
  return event
}

/** Records several events, all or nothing: every one is checked before any is recorded. */
export function createUsageEvents(store: EmulatorStore, inputs: UsageEventInput[]): UsageEventRecord[] {
  for (const input of inputs) prepareUsageEvent(store, input)
  const events = inputs.map((input) => recordPrepared(store, input))
  store.changed()
  return events
}

/** A usage event by id, or NOT_FOUND. */
export function getUsageEvent(store: EmulatorStore, id: string): UsageEventRecord {
  const event = store.data.usageEvents.find((e) => e.id === id)
  if (!event) throw notFound('Usage event', id)
  return event
}
