import { distinctCombinationKey } from '../DataIndexes'
import type { EmulatorStore } from '../EmulatorStore'
import {
  conflictError,
  domainNotFound,
  FlowgladApiError,
  panicOf,
  unwrapPanic,
  validationError,
} from '../FlowgladApiError'
import type { UsageEventRecord, UsageMeterWithPricesRecord, UsagePriceRecord } from '../records'
import { currentBillingPeriodId } from './billingPeriods'
import { spendCredits } from './credits'
import { hasProperties, propertiesCombination, storedProperties } from './usageProperties'

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

/**
 * How a failure reaches the wire: the single-event route `.unwrap()`s the resolved input
 * (usageEventsRouter `createUsageEvent`), so identifier and subscription errors become 500 panics
 * there; the bulk route returns them as domain errors (404 / 400).
 */
type Surface = 'single' | 'bulk'

const asSurfaced = (surface: Surface, error: FlowgladApiError, tag: string) =>
  surface === 'single' ? panicOf(error, tag) : error

function resolveMeterAndPrice(
  store: EmulatorStore,
  input: UsageEventInput,
  surface: Surface,
): { meter: UsageMeterWithPricesRecord; price: UsagePriceRecord } {
  const { catalog } = store
  const notInModel = (resource: string, ref: string) =>
    asSurfaced(surface, domainNotFound(resource, `${ref} (not in customer's pricing model)`), 'NotFoundError')
  if (input.priceId || input.priceSlug) {
    const price = input.priceId
      ? catalog.pricesById.get(input.priceId)
      : catalog.pricesBySlug.get(input.priceSlug ?? '')
    if (!price) {
      if (input.priceId) throw asSurfaced(surface, domainNotFound('Price', input.priceId), 'NotFoundError')
      throw notInModel('Price', `with slug ${input.priceSlug}`)
    }
    if (price.type !== 'usage') {
      throw asSurfaced(
        surface,
        validationError(
          'priceId',
          `Price ${price.id} is not a usage price. Please provide a usage price id to create a usage event.`,
        ),
        'ValidationError',
      )
    }
    return { meter: catalog.metersById.get(price.usageMeterId) as UsageMeterWithPricesRecord, price }
  }
  const meter = input.usageMeterId
    ? catalog.metersById.get(input.usageMeterId)
    : catalog.metersBySlug.get(input.usageMeterSlug ?? '')
  if (!meter) {
    throw notInModel('UsageMeter', input.usageMeterId ?? `with slug ${input.usageMeterSlug}`)
  }
  return { meter, price: meter.defaultPrice ?? (meter.prices[0] as UsagePriceRecord) }
}

/**
 * Checks an event against state without recording it (so a bulk insert is all-or-nothing), in
 * the order of Flowglad's `resolveUsageEventInput` + `ingestAndProcessUsageEvent`
 * (utils/usage/usageEventHelpers.ts). Flowglad does not look at the subscription's status: usage
 * on a canceled subscription is recorded; only an archived customer is refused.
 */
function prepareUsageEvent(store: EmulatorStore, input: UsageEventInput, surface: Surface) {
  // A priceId is resolved before the subscription is read; the other identifiers after it.
  const early = input.priceId ? resolveMeterAndPrice(store, input, surface) : undefined
  const subscription = store.indexes.subscriptionsById.get(input.subscriptionId)
  if (!subscription) throw unwrapPanic('subscriptions', input.subscriptionId)
  const { meter, price } = early ?? resolveMeterAndPrice(store, input, surface)
  const customer = store.indexes.customersById.get(subscription.customerId)
  // ArchivedCustomerError has no mapping in the domain-error middleware: tRPC sends it as a 500.
  if (customer?.archived)
    throw new FlowgladApiError('INTERNAL_SERVER_ERROR', 'Cannot create usage event for archived customer')
  const duplicate = store.usageEventByTransaction(input.transactionId, meter.id)
  if (duplicate && duplicate.subscriptionId !== subscription.id) {
    throw conflictError(
      'UsageEvent',
      `A usage event already exists for transactionid ${input.transactionId}, but does not belong to subscription ${subscription.id}. Please provide a unique transactionId to create a new usage event.`,
    )
  }
  const billingPeriodId = currentBillingPeriodId(subscription)
  return { subscription, meter, price, billingPeriodId, duplicate }
}

/**
 * count_distinct_properties needs a billing period and a non-empty properties object; the two
 * routes word the ValidationError differently (a 500 `Invalid <field>: …`, seen on the oracle).
 */
const distinctRequirements: Record<
  Surface,
  (meterName: string, index: number) => { billingPeriod: string; properties: string }
> = {
  // usageEventHelpers.ts `ingestAndProcessUsageEvent`
  single: (name) => ({
    billingPeriod: `Billing period is required for usage meter "${name}" because it uses "count_distinct_properties" aggregation.`,
    properties: `Properties are required for usage meter "${name}" because it uses "count_distinct_properties" aggregation. Each usage event must have a non-empty properties object to identify the distinct combination being counted.`,
  }),
  // bulkInsertUsageEventsTransaction.ts `validateUsageMeters`
  bulk: (name, index) => ({
    billingPeriod: `required for usage meter "${name}" at index ${index} (count_distinct_properties aggregation)`,
    properties: `required for usage meter "${name}" at index ${index} (count_distinct_properties aggregation)`,
  }),
}

function requireDistinctInput(
  prepared: ReturnType<typeof prepareUsageEvent>,
  input: UsageEventInput,
  surface: Surface,
  index = 0,
): void {
  const { meter, billingPeriodId } = prepared
  if (meter.aggregationType !== 'count_distinct_properties') return
  const reasons = distinctRequirements[surface](meter.name, index)
  if (billingPeriodId === null) throw validationError('billingPeriod', reasons.billingPeriod)
  if (!hasProperties(input.properties)) throw validationError('properties', reasons.properties)
}

function recordPrepared(
  store: EmulatorStore,
  input: UsageEventInput,
  surface: Surface,
): { event: UsageEventRecord; inserted: boolean } {
  const prepared = prepareUsageEvent(store, input, surface)
  // A repeated transactionId answers the original event before the single route's count_distinct
  // check (the bulk route checked every event, repeats included, before recording any).
  if (prepared.duplicate) return { event: prepared.duplicate, inserted: false }
  if (surface === 'single') requireDistinctInput(prepared, input, surface)
  const { subscription, meter, price, billingPeriodId } = prepared
  const stamp = store.stamp('usage_event')
  // Fields written out, not `...stamp`: a spread followed by more fields cost ~15 µs per event in
  // V8 (a write's largest single cost); the key order, which the wire shows, is the same.
  const event: UsageEventRecord = {
    id: stamp.id,
    createdAt: stamp.createdAt,
    updatedAt: stamp.updatedAt,
    livemode: stamp.livemode,
    customerId: subscription.customerId,
    subscriptionId: subscription.id,
    usageMeterId: meter.id,
    billingPeriodId,
    amount: input.amount,
    usageDate: input.usageDate ?? stamp.createdAt,
    transactionId: input.transactionId,
    priceId: price.id,
    properties: storedProperties(input.properties),
    pricingModelId: meter.pricingModelId,
  }
  // A count_distinct_properties meter spends an event's amount only for the first event of its
  // property combination in the billing period (the ledger command is skipped for the others). The
  // combinations seen are a Set lookup, and the events of this bulk call recorded before this one
  // are in it, as Flowglad's `generateLedgerCommandsForBulkUsageEvents` also skips them.
  const counted =
    meter.aggregationType !== 'count_distinct_properties' ||
    !store.indexes.distinctCombinations.has(
      distinctCombinationKey(meter.id, billingPeriodId as string, propertiesCombination(event.properties)),
    )
  store.data.usageEvents.push(event)
  if (counted) spendCredits(store, subscription.id, meter.id, input.amount)
  return { event, inserted: true }
}

/**
 * Records usage and spends it against the meter's credits. Idempotent per (transactionId, usage
 * meter), Flowglad's unique index: a repeat for the same subscription returns the original event.
 */
export function createUsageEvent(store: EmulatorStore, input: UsageEventInput): UsageEventRecord {
  const { event } = recordPrepared(store, input, 'single')
  store.changed()
  return event
}

/**
 * Records several events, all or nothing: every one is checked before any is recorded, the
 * count_distinct requirements after every event's identifiers (as `validateUsageMeters` runs after
 * the subscription and slug steps) and before the transactionId dedupe (the insert). Like Flowglad's
 * `bulkInsertOrDoNothingUsageEventsByTransactionId`, the answer lists only the events inserted by
 * this call; repeats (earlier or within the batch) are left out.
 */
export function createUsageEvents(store: EmulatorStore, inputs: UsageEventInput[]): UsageEventRecord[] {
  const prepared = inputs.map((input) => prepareUsageEvent(store, input, 'bulk'))
  for (const [index, event] of prepared.entries()) {
    requireDistinctInput(event, inputs[index] as UsageEventInput, 'bulk', index)
  }
  const events = inputs
    .map((input) => recordPrepared(store, input, 'bulk'))
    .filter(({ inserted }) => inserted)
    .map(({ event }) => event)
  store.changed()
  return events
}

/** A usage event by id, or NOT_FOUND. */
export function getUsageEvent(store: EmulatorStore, id: string): UsageEventRecord {
  const event = store.indexes.usageEventsById.get(id)
  // usageEventsRouter `getUsageEvent` unwraps the lookup: an unknown id is a 500 panic.
  if (!event) throw unwrapPanic('usage events', id)
  return event
}
