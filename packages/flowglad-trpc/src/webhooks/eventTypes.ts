// Flowglad's webhook events, as its server creates them (`db-core/enums.ts` FlowgladEventType;
// payloads built in `utils/events.ts` and at each emit site, e.g. `subscriptions/cancelSubscription.ts`
// `constructSubscriptionCanceledEventInsert`). Svix delivers `{ ...event.payload, pricingModelId }`
// (`utils/svix.ts` `sendSvixEventCore`). `sync.events_available` is left out: it is about Flowglad's
// sync stream, not billing, and carries another payload.

/** The noun each event type is about: the payload's `object`. */
export const FLOWGLAD_EVENT_OBJECTS = {
  'customer.created': 'customer',
  'customer.updated': 'customer',
  'purchase.completed': 'purchase',
  'payment.failed': 'payment',
  'payment.succeeded': 'payment',
  'subscription.created': 'subscription',
  'subscription.updated': 'subscription',
  'subscription.canceled': 'subscription',
} as const satisfies Record<string, 'customer' | 'purchase' | 'payment' | 'subscription'>

/** A billing event type Flowglad sends (`FlowgladEventType`). */
export type FlowgladEventType = keyof typeof FLOWGLAD_EVENT_OBJECTS

/** Every event type, in Flowglad's enum order. */
export const FLOWGLAD_EVENT_TYPES = Object.keys(FLOWGLAD_EVENT_OBJECTS) as FlowgladEventType[]

/** The body Flowglad sends for an event of type `T`. */
export interface FlowgladEventPayload<T extends FlowgladEventType = FlowgladEventType> {
  /** The id of the object the event is about (`cus_…`, `sub_…`, `pmt_…`, `prch_…`). */
  readonly id: string
  readonly object: (typeof FLOWGLAD_EVENT_OBJECTS)[T]
  /** The customer the object belongs to. */
  readonly customer: { readonly id: string; readonly externalId: string }
  /** The pricing model the object belongs to. */
  readonly pricingModelId: string
}

/** A verified event of type `T`: the delivery's id and time, and Flowglad's payload. */
export interface FlowgladWebhookEventOf<T extends FlowgladEventType> {
  readonly type: T
  /** The delivery's message id (`svix-id`): the same across retries of one event, the dedupe key. */
  readonly id: string
  /** When the sender signed this attempt (`svix-timestamp`), epoch seconds. */
  readonly timestamp: number
  readonly payload: FlowgladEventPayload<T>
}

/** Any verified event: a union discriminated by `type`. */
export type FlowgladWebhookEvent = { [T in FlowgladEventType]: FlowgladWebhookEventOf<T> }[FlowgladEventType]

/** True when `value` names a billing event type. */
export function isFlowgladEventType(value: unknown): value is FlowgladEventType {
  return typeof value === 'string' && Object.hasOwn(FLOWGLAD_EVENT_OBJECTS, value)
}
