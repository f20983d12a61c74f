/**
 * Lookups over one collection of `EmulatorData` that keep themselves in step with it, so no write
 * path has to maintain them (there is nothing to forget). They rely on what every collection they
 * cover guarantees (see `EmulatorData`): records are only ever appended (`push`), never removed or
 * replaced one by one (a reset or restore replaces the whole array), and an indexed key is a field
 * set when the record is made and never changed (ids, externalId, owner ids).
 *
 * Each lookup first indexes the records appended since the last one; a replaced array, or one
 * whose indexed part no longer ends with the record it ended with, is indexed again from scratch.
 */
abstract class CollectionIndex<T, K = string> {
  private indexed: readonly T[] | undefined
  private count = 0
  private last: T | undefined

  constructor(
    private readonly collection: () => readonly T[],
    protected readonly keyOf: (record: T) => K,
  ) {}

  protected abstract clear(): void
  protected abstract add(key: K, record: T): void

  /** Brings the index up to date with the collection (appended records; a replaced array). */
  protected sync(): void {
    const records = this.collection()
    if (records !== this.indexed || records.length < this.count || records[this.count - 1] !== this.last) {
      this.clear()
      this.indexed = records
      this.count = 0
      this.last = undefined
    }
    if (this.count === records.length) return
    for (; this.count < records.length; this.count++) {
      const record = records[this.count] as T
      this.add(this.keyOf(record), record)
    }
    this.last = records[this.count - 1]
  }
}

/** The first record (in the collection's order) with a key: what `collection.find` by that key returns. */
export class UniqueIndex<T> extends CollectionIndex<T> {
  private byKey = new Map<string, T>()

  protected clear(): void {
    this.byKey = new Map()
  }

  protected add(key: string, record: T): void {
    if (!this.byKey.has(key)) this.byKey.set(key, record)
  }

  /** The first record with this key, if any. */
  get(key: string): T | undefined {
    this.sync()
    return this.byKey.get(key)
  }
}

/** Every record with a key, in the collection's order: what `collection.filter` by that key returns. */
export class GroupIndex<T extends object> extends CollectionIndex<T> {
  // Most keys have one record (a transactionId, an invoice's lines): kept bare, an array only from
  // the second on, which saves an array per stored usage event. Records are never arrays.
  private byKey = new Map<string, T | T[]>()

  protected clear(): void {
    this.byKey = new Map()
  }

  protected add(key: string, record: T): void {
    const group = this.byKey.get(key)
    if (group === undefined) this.byKey.set(key, record)
    else if (Array.isArray(group)) group.push(record)
    else this.byKey.set(key, [group, record])
  }

  /** The records with this key (empty when none), as a new array: safe to keep while writing. */
  get(key: string): T[] {
    this.sync()
    const group = this.byKey.get(key)
    if (group === undefined) return []
    return Array.isArray(group) ? group.slice() : [group]
  }
}

/**
 * The keys present in a collection: what `collection.some` by that key answers, as a Set lookup.
 * Records whose key is null are left out (they are never asked about), so no key is made for them.
 */
export class KeySet<T> extends CollectionIndex<T, string | null> {
  private keys = new Set<string>()

  protected clear(): void {
    this.keys = new Set()
  }

  protected add(key: string | null): void {
    if (key !== null) this.keys.add(key)
  }

  /** Whether some record has this key. */
  has(key: string): boolean {
    this.sync()
    return this.keys.has(key)
  }
}
