import type { Catalog } from './catalog/buildCatalog'
import { type EmulatorData, emptyEmulatorData } from './EmulatorData'
import { notFound, unwrapPanic } from './FlowgladApiError'
import { newId } from './newId'
import type { CustomerRecord, PriceRecord, RecordBase, SubscriptionRecord, UsageEventRecord } from './records'

/**
 * The emulator's state: the loaded catalog, the mutable data and a virtual clock.
 * Domain operations (customers, subscriptions, usage ...) are functions over a store; the store
 * itself only looks things up and reports changes, so persistence can listen without knowing them.
 */
export class EmulatorStore {
  data: EmulatorData
  /** Base URL hosted pages are served under; set once the server knows its address. */
  baseUrl: string
  private readonly listeners = new Set<() => void>()
  /** Usage events by transactionId + usage meter (Flowglad's unique index), so idempotency checks don't scan every event. */
  private usageEventIndex = new Map<string, UsageEventRecord>()
  private indexedEvents: UsageEventRecord[] | undefined

  constructor(
    readonly catalog: Catalog,
    options: { baseUrl: string; data?: EmulatorData },
  ) {
    this.baseUrl = options.baseUrl
    this.data = options.data ?? emptyEmulatorData()
  }

  /** Virtual time in epoch ms: real time plus however far the clock was advanced. */
  now(): number {
    return Date.now() + this.data.clockOffsetMs
  }

  /** Id and timestamps for a new record. */
  stamp(prefix: string): RecordBase {
    const now = this.now()
    return { id: newId(prefix), createdAt: now, updatedAt: now, livemode: false }
  }

  /**
   * Tells listeners that data changed. Domain operations call it once per write, after mutating:
   * the journal commits what changed since its last commit (fields as `storageKinds.ts` declares)
   * and the API drops cached JSON of stored objects, so a change not followed by this call is
   * neither saved nor seen in answers that reuse an object's JSON.
   */
  changed(): void {
    for (const listener of this.listeners) listener()
  }

  /** Registers a change listener; returns its unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The event already recorded for this transactionId and usage meter, if any. */
  usageEventByTransaction(transactionId: string, usageMeterId: string): UsageEventRecord | undefined {
    const events = this.data.usageEvents
    // Rebuilt whenever the events array was replaced (reset, restore) or grew behind the index's back.
    if (this.indexedEvents !== events || this.usageEventIndex.size !== events.length) {
      this.usageEventIndex = new Map(events.map((e) => [`${e.transactionId}\u0000${e.usageMeterId}`, e]))
      this.indexedEvents = events
    }
    return this.usageEventIndex.get(`${transactionId}\u0000${usageMeterId}`)
  }

  /** Records a usage event (keeping the transactionId index current). */
  addUsageEvent(event: UsageEventRecord): void {
    this.data.usageEvents.push(event)
    if (this.indexedEvents === this.data.usageEvents) {
      this.usageEventIndex.set(`${event.transactionId}\u0000${event.usageMeterId}`, event)
    }
  }

  /** Drops every customer and moves the clock back to real time. */
  reset(): void {
    this.data = emptyEmulatorData()
    this.changed()
  }

  /** The live customer with this external id, or a NOT_FOUND error. */
  customer(externalId: string): CustomerRecord {
    const customer = this.data.customers.find((c) => c.externalId === externalId && !c.archived)
    if (!customer) throw notFound('Customer with externalId', externalId)
    return customer
  }

  /**
   * The subscription with this id. Unknown ids are what Flowglad answers where it `.unwrap()`s
   * `selectSubscriptionById` (resource claims, cancel, uncancel, usage): a 500 panic, not a 404.
   */
  subscription(id: string): SubscriptionRecord {
    const subscription = this.data.subscriptions.find((s) => s.id === id)
    if (!subscription) throw unwrapPanic('subscriptions', id)
    return subscription
  }

  /** A price by id or by slug, or a NOT_FOUND error naming what was asked for. */
  price(ref: { priceId?: string | undefined; priceSlug?: string | undefined }): PriceRecord {
    const price = ref.priceId
      ? this.catalog.pricesById.get(ref.priceId)
      : this.catalog.pricesBySlug.get(ref.priceSlug ?? '')
    if (!price) throw notFound(ref.priceId ? 'Price' : 'Price with slug', ref.priceId ?? ref.priceSlug ?? '')
    return price
  }

  /** The portal link's query (its signature and expiry); the core sets it, pages/PortalLinks.ts. */
  portalQuery: (externalId: string) => string = () => ''

  /** Pages' URLs, built on the current base URL. */
  urls = {
    checkout: (sessionId: string) => `${this.baseUrl}/checkout/${encodeURIComponent(sessionId)}`,
    portal: (externalId: string) => {
      const query = this.portalQuery(externalId)
      return `${this.baseUrl}/portal/${encodeURIComponent(externalId)}${query ? `?${query}` : ''}`
    },
  }
}
