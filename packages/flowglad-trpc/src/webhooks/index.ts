// flowglad-trpc/webhooks: Flowglad's webhooks received, verified, typed and run once per event.
// Web APIs only (fetch Request/Response, Web Crypto): Node 18+, edge runtimes, Bun, Deno.
export {
  type CacheGenerations,
  createMemoryCacheGenerations,
  createRedisCacheGenerations,
  customerScope,
  type RedisCommandClient,
} from '../server/store/cacheGenerations'
export {
  createFlowgladWebhookHandler,
  type FlowgladWebhookHandlerOptions,
  type FlowgladWebhookHandlers,
  type UntypedWebhookEvent,
} from './createFlowgladWebhookHandler'
export {
  FLOWGLAD_EVENT_OBJECTS,
  FLOWGLAD_EVENT_TYPES,
  type FlowgladEventPayload,
  type FlowgladEventType,
  type FlowgladWebhookEvent,
  type FlowgladWebhookEventOf,
  isFlowgladEventType,
} from './eventTypes'
export { EVENT_TYPE_HEADER } from './parseWebhookEvent'
export { type SignatureFailure, signSvixPayload } from './verifySvixSignature'
export { WEBHOOK_REFUSAL_STATUS, type WebhookRefusal } from './webhookRefusals'
export {
  type ClaimResult,
  createMemoryWebhookStore,
  createRedisWebhookStore,
  type MemoryWebhookStoreOptions,
  type RedisWebhookStoreOptions,
  type WebhookStore,
} from './webhookStore'
