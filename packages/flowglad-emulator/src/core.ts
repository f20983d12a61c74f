/**
 * `flowglad-emulator/core`: the emulator without node: built-ins (no server, files or CLI), for
 * runtimes that only have web `Request`/`Response`. Load pricing with `parsePricingModel`.
 */
export {
  createEmulatorCore,
  type EmulatorCore,
  type EmulatorCoreOptions,
  IN_PROCESS_ORIGIN,
} from './createEmulatorCore'
export { createEmulatorHandler } from './http/createEmulatorHandler'
export type { EmulatorControl } from './http/EmulatorControl'
export type { FaultSpec } from './http/FaultInjector'
export type { RequestLogEntry, RequestLogFilter } from './http/RequestLog'
export type { Catalog } from './state/catalog/buildCatalog'
export { PricingModelError } from './state/catalog/PricingModelError'
export { parsePricingModel } from './state/catalog/parsePricingModel'
export type { PricingModelInput, PricingSetup } from './state/catalog/pricingSetupSchema'
export { DEFAULT_API_KEY } from './state/constants'
export type { EmulatorData, MeterBalance, ScheduledAdjustment } from './state/EmulatorData'
export { EmulatorStore } from './state/EmulatorStore'
export type { EmulatorEvent, FlowgladEventPayload, FlowgladEventType } from './state/events/emitEvent'
export { FlowgladApiError, type FlowgladApiErrorCode } from './state/FlowgladApiError'
export type * from './state/records'
export { generateWebhookSecret } from './webhooks/signWebhook'
export type {
  WebhookAttempt,
  WebhookControl,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookOptions,
} from './webhooks/WebhookDispatcher'
