// Flowglad's events, created at the moments its server creates them. Each emit site cites the
// Flowglad code path it follows. The payload is Flowglad's (`utils/events.ts`, the emit sites'
// inserts) plus `pricingModelId`, as `utils/svix.ts` `sendSvixEventCore` hands it to Svix. Like
// Flowglad's `upsertEventByHash`, an event is created once per (type, object id)
// (`utils/eventHelpers.ts` hashes exactly those two).
import type { EmulatorStore } from '../EmulatorStore'
import { newId } from '../newId'
import type { CustomerRecord } from '../records'

/** The event types Flowglad defines (`db-core/enums.ts` FlowgladEventType, billing ones). */
export type FlowgladEventType =
  | 'customer.created'
  | 'customer.updated'
  | 'purchase.completed'
  | 'payment.failed'
  | 'payment.succeeded'
  | 'subscription.created'
  | 'subscription.updated'
  | 'subscription.canceled'

/** The payload's `object` per type (`EventNoun`). */
const OBJECT_OF: Record<FlowgladEventType, 'customer' | 'purchase' | 'payment' | 'subscription'> = {
  'customer.created': 'customer',
  'customer.updated': 'customer',
  'purchase.completed': 'purchase',
  'payment.failed': 'payment',
  'payment.succeeded': 'payment',
  'subscription.created': 'subscription',
  'subscription.updated': 'subscription',
  'subscription.canceled': 'subscription',
}

/** What Svix receives as the message payload, and what the endpoint receives as the body. */
export interface FlowgladEventPayload {
  readonly id: string
  readonly object: 'customer' | 'purchase' | 'payment' | 'subscription'
  readonly customer: { readonly id: string; readonly externalId: string }
  readonly pricingModelId: string
}

/** One created event. */
export interface EmulatorEvent {
  /** Svix's message id for it (`svix-id`): the same on every attempt. */
  readonly id: string
  readonly type: FlowgladEventType
  /** Virtual time it occurred at (epoch ms). */
  readonly occurredAt: number
  /** Real time it was created at (epoch ms): what delivery latency is measured from. */
  readonly createdAt: number
  readonly payload: FlowgladEventPayload
}

type Listener = (event: EmulatorEvent) => void

/** Per store: listeners and the (type, id) pairs already created. */
const outlets = new WeakMap<EmulatorStore, { listeners: Set<Listener>; created: Set<string> }>()

function outletOf(store: EmulatorStore) {
  let outlet = outlets.get(store)
  if (!outlet) {
    outlet = { listeners: new Set(), created: new Set() }
    outlets.set(store, outlet)
  }
  return outlet
}

/** Registers a listener for the store's events (the webhook dispatcher); returns its unsubscribe. */
export function onEmulatorEvent(store: EmulatorStore, listener: Listener): () => void {
  const { listeners } = outletOf(store)
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Creates the event about `object` (owned by `customer`), once per (type, object id). */
export function emitEvent(
  store: EmulatorStore,
  type: FlowgladEventType,
  object: { readonly id: string; readonly pricingModelId?: string },
  customer: CustomerRecord,
): void {
  const { listeners, created } = outletOf(store)
  const hash = `${type}\u0000${object.id}`
  if (created.has(hash)) return
  created.add(hash)
  if (listeners.size === 0) return
  const event: EmulatorEvent = {
    id: newId('msg'),
    type,
    occurredAt: store.now(),
    createdAt: Date.now(),
    // Key order as Flowglad's body: the payload read back from jsonb (shorter keys first), then
    // `pricingModelId` spread after it.
    payload: {
      id: object.id,
      object: OBJECT_OF[type],
      customer: { id: customer.id, externalId: customer.externalId },
      pricingModelId: object.pricingModelId ?? customer.pricingModelId,
    },
  }
  for (const listener of listeners) listener(event)
}
