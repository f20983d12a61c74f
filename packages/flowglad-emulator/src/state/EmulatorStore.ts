import type { Catalog } from './catalog/buildCatalog'
import { createDataIndexes, type DataIndexes, meterBalanceKey } from './DataIndexes'
import { type EmulatorData, emptyEmulatorData, type MeterBalance } from './EmulatorData'
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
  /**
   * Lookups by id and owner, so a write or read costs the same with 10 customers or 100,000 events.
   * They follow `data` by themselves (RecordIndex.ts): writers just push to it.
   */
  readonly indexes: DataIndexes = createDataIndexes(() => this.data)

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
    return this.indexes.usageEventsByTransaction
      .get(transactionId)
      .find((e) => e.usageMeterId === usageMeterId)
  }

  /** The live customer with this external id, if any (an archived one's externalId is free again). */
  liveCustomer(externalId: string): CustomerRecord | undefined {
    return this.indexes.customersByExternalId.get(externalId).find((c) => !c.archived)
  }

  /** A subscription's credit balance on one meter, if it has one. */
  meterBalance(subscriptionId: string, usageMeterId: string): MeterBalance | undefined {
    return this.indexes.meterBalances.get(meterBalanceKey(subscriptionId, usageMeterId))
  }

  /** Drops every customer and moves the clock back to real time. */
  reset(): void {
    this.data = emptyEmulatorData()
    this.changed()
  }

  /** The live customer with this external id, or a NOT_FOUND error. */
  customer(externalId: string): CustomerRecord {
    const customer = this.liveCustomer(externalId)
    if (!customer) throw notFound('Customer with externalId', externalId)
    return customer
  }

  /**
   * The subscription with this id. Unknown ids are what Flowglad answers where it `.unwrap()`s
   * `selectSubscriptionById` (resource claims, cancel, uncancel, usage): a 500 panic, not a 404.
   */
  subscription(id: string): SubscriptionRecord {
    const subscription = this.indexes.subscriptionsById.get(id)
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
