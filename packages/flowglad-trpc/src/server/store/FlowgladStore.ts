import type { CacheGenerations } from './cacheGenerations'

// The state billing gates share between concurrent calls: a spend ledger per (customer, meter) and a
// small value cache (the default pricing model). `createMemoryStore()` keeps it in the process (the
// default); `createRedisStore({ redis })` shares it between processes and instances.
//
// Why a ledger: Flowglad has no atomic check-and-debit. A spend reads the balance, runs the handler,
// then records usage; between the read and the record, other spends read the same balance. The
// ledger holds every spend between its check and the moment its usage is visible upstream, and the
// check deducts them from the balance read:
//
//   available = balance read - held spends - spends recorded after the read started
//
// "Recorded after the read started" is decided by a sequence number: a spend takes the ledger's
// snapshot (epoch + sequence) BEFORE reading the balance, and every recorded spend gets the next
// sequence number AFTER Flowglad acknowledged it. A recorded spend with a higher number than the
// snapshot may be missing from the balance read, so it is deducted; one with a lower number is in it.
// A spend whose usage write is on its way (`confirm`ed, not yet `commit`ted), or was recorded after
// the snapshot, may or may not be in the balance read: it is "uncertain". A reservation that fits
// with the uncertain spends deducted is held; one that does not fit even without them is refused;
// between the two the ledger answers `uncertain` and the caller reads again once the writes are
// answered. So exactly the affordable spends pass: none is counted both as held and as spent.

/** Where a ledger is read from: taken before the balance read that a reservation relies on. */
export interface LedgerSnapshot {
  /** Changes when the ledger is recreated (expired or flushed): older snapshots are then stale. */
  readonly epoch: string
  /** The number of the last recorded spend. */
  readonly sequence: number
}

/** A request to hold `amount` against `balance` (the balance read after `snapshot`). */
export interface ReserveRequest {
  /** The spend's id (its transactionId): one reservation per id. */
  readonly id: string
  readonly amount: number
  readonly balance: number
  readonly snapshot: LedgerSnapshot
  /** How long the hold lasts unless renewed (a crashed process's holds expire). */
  readonly leaseMs: number
}

/** What `reserve` decided. */
export type ReserveResult =
  | { readonly status: 'reserved'; readonly available: number }
  | { readonly status: 'refused'; readonly available: number }
  /** This id is already held by a call in flight. */
  | { readonly status: 'in_flight' }
  /** This id was recorded already (a retried call): Flowglad counts it once, no new hold is needed. */
  | { readonly status: 'recorded' }
  /** The snapshot predates what the ledger still remembers: read the balance again. */
  | { readonly status: 'stale' }
  /** The amount fits only if usage writes still in flight are already in the balance read: read again shortly. */
  | { readonly status: 'uncertain' }

/** A spend Flowglad acknowledged. */
export interface CommitRequest {
  readonly id: string
  readonly amount: number
  /** How long to remember it: longer than any balance read can take. */
  readonly retainMs: number
}

/** The shared state behind billing gates. Every method is atomic per key. */
export interface FlowgladStore {
  /** A short name for logs and benches (`memory`, `redis`). */
  readonly kind: string
  /** The ledger's current snapshot for `key` (one customer's meter). */
  snapshot(key: string): Promise<LedgerSnapshot>
  /** Atomically checks the balance net of the ledger and holds `amount` when it fits. */
  reserve(key: string, request: ReserveRequest): Promise<ReserveResult>
  /** Extends a hold; false when it is gone (expired or released). */
  renew(key: string, id: string, leaseMs: number): Promise<boolean>
  /**
   * Extends a live hold for `leaseMs` and marks its usage write as under way (reads may see it from
   * now on); false when the hold is gone, and then nothing may be recorded under it.
   */
  confirm(key: string, id: string, leaseMs: number): Promise<boolean>
  /** Drops a hold (the handler failed: nothing is recorded). */
  release(key: string, id: string): Promise<void>
  /**
   * Marks a spend recorded upstream: it gets the next sequence number and is remembered for
   * `retainMs`, long enough for every balance read that started before it to be checked.
   */
  commit(key: string, request: CommitRequest): Promise<void>
  /** A cached value, or undefined. */
  get(key: string): Promise<string | undefined>
  /** Caches a value for `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>
  /** Stores a value for `ttlMs` only if `key` holds none; true when this call stored it (a claim, a dedupe record). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>
  /** Deletes a value (a no-op when absent). */
  delete(key: string): Promise<void>
  /** Adds `member` to the set at `key` and keeps the set `ttlMs` (e.g. an index of pending work). */
  addMember(key: string, member: string, ttlMs: number): Promise<void>
  /** Removes `member` from the set at `key`. */
  removeMember(key: string, member: string): Promise<void>
  /** The members of the set at `key` (empty when absent). */
  members(key: string): Promise<string[]>
  /** Adds 1 to a counter (created at 0) and keeps it `ttlMs`; returns the new value (e.g. a generation). */
  increment(key: string, ttlMs: number): Promise<number>
  /** Takes a short lock (for one loader among instances); true when this caller holds it. */
  tryLock(key: string, owner: string, ttlMs: number): Promise<boolean>
  /** Releases a lock this owner holds (a no-op otherwise). */
  unlock(key: string, owner: string): Promise<void>
  /** Counters webhooks bump so every instance drops a customer's cached billing (`flowglad-trpc/webhooks`). */
  readonly generations?: CacheGenerations
}
