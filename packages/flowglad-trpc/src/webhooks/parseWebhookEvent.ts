import {
  FLOWGLAD_EVENT_OBJECTS,
  type FlowgladEventPayload,
  type FlowgladEventType,
  isFlowgladEventType,
} from './eventTypes'

/** A signed body that has Flowglad's payload shape; `type` is undefined when the delivery does not say it. */
export interface ParsedWebhookEvent {
  readonly type: FlowgladEventType | undefined
  readonly payload: FlowgladEventPayload
}

/** The header the emulator names the event type in (Svix sends `eventType` nowhere in the request). */
export const EVENT_TYPE_HEADER = 'flowglad-event-type'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Reads a verified body. The event type comes from a `type` field in the signed body if Flowglad
 * ever adds one, else from the `flowglad-event-type` header only when it agrees with the signed
 * `object` (a changed header cannot turn a payment into a subscription), else from `object` where
 * only one type has it (`purchase` → `purchase.completed`).
 */
export function parseWebhookEvent(body: string, headers: Headers): ParsedWebhookEvent | undefined {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    return undefined
  }
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.object !== 'string') return undefined
  const customer = value.customer
  if (!isRecord(customer) || typeof customer.id !== 'string' || typeof customer.externalId !== 'string')
    return undefined
  const payload = value as unknown as FlowgladEventPayload
  const matches = (type: unknown): type is FlowgladEventType =>
    isFlowgladEventType(type) && FLOWGLAD_EVENT_OBJECTS[type] === payload.object
  const named = [value.type, headers.get(EVENT_TYPE_HEADER)].find(matches)
  const onlyType = Object.entries(FLOWGLAD_EVENT_OBJECTS).filter(([, object]) => object === payload.object)
  const type = named ?? (onlyType.length === 1 ? (onlyType[0]?.[0] as FlowgladEventType) : undefined)
  return { type, payload }
}
