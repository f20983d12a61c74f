import type { EmulatorData } from './EmulatorData'

/**
 * How the data file journals a field of `EmulatorData` (see the README's "Storage format"):
 * - `value`: a scalar or small object, rewritten whole when it changes;
 * - `records`: an array whose records may change in place; each commit compares every record with
 *   what was last written and journals only the changed ones (cost grows with this collection);
 * - `appendOnly`: an array whose records never change once pushed (events, logs); a commit journals
 *   only the new tail, so its cost does not grow with the collection. Mutating such a record in
 *   place would be lost on restart: use `records` for anything that is updated.
 */
export type StorageKind = 'value' | 'records' | 'appendOnly'

/**
 * The storage kind of every field. Exhaustive on purpose: a new field of `EmulatorData` does not
 * compile until it says how it is journaled.
 */
export const STORAGE_KINDS: Record<keyof EmulatorData, StorageKind> = {
  version: 'value',
  clockOffsetMs: 'value',
  customers: 'records',
  subscriptions: 'records',
  subscriptionItems: 'records',
  subscriptionItemFeatures: 'records',
  meterBalances: 'records',
  scheduledAdjustments: 'records',
  usageEvents: 'appendOnly',
  checkoutSessions: 'records',
  purchases: 'records',
  invoices: 'records',
  invoiceLineItems: 'records',
  paymentMethods: 'records',
  resourceClaims: 'records',
}
