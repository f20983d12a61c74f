import type { EmulatorStore } from '../state/EmulatorStore'
import type { WebhookControl } from '../webhooks/WebhookDispatcher'
import type { FaultInjector, FaultSpec } from './FaultInjector'
import type { RequestLog, RequestLogEntry, RequestLogFilter } from './RequestLog'

/** Test and tooling operations; the same ones the `/_emulator/*` HTTP routes expose. */
export interface EmulatorControl {
  /** Back to the loaded pricing model, no customers, real time. */
  reset(): void
  /** API requests (not `/_emulator/*`) in arrival order. */
  requests(filter?: RequestLogFilter): RequestLogEntry[]
  clearRequests(): void
  /** What pressing Pay on the hosted checkout page does. */
  completeCheckoutSession(id: string): void
  /** Moves the virtual clock forward, renewing periods and applying scheduled changes on the way. */
  advanceClock(ms: number): void
  /** Current virtual time (epoch ms). */
  now(): number
  injectFault(fault: FaultSpec): void
  clearFaults(): void
  /** Webhook endpoints, the delivery log and redelivery. */
  readonly webhooks: WebhookControl
}

/** Domain operations the control surface drives; injected so this file stays free of domain logic. */
export interface ControlOperations {
  completeCheckoutSession(store: EmulatorStore, id: string): void
  advanceClock(store: EmulatorStore, ms: number): void
}

/** Builds the control object over one emulator's store, log and faults. */
export function createEmulatorControl(
  store: EmulatorStore,
  log: RequestLog,
  faults: FaultInjector,
  operations: ControlOperations,
  webhooks: WebhookControl,
): EmulatorControl {
  return {
    reset: () => store.reset(),
    requests: (filter) => log.list(filter),
    clearRequests: () => log.clear(),
    completeCheckoutSession: (id) => operations.completeCheckoutSession(store, id),
    advanceClock: (ms) => operations.advanceClock(store, ms),
    now: () => store.now(),
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    webhooks,
  }
}
