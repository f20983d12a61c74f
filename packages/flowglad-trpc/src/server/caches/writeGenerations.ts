/**
 * A write counter per key (customer), so a memo can tell whether a write happened since it was
 * taken. Memory stays bounded: beyond `capacity` keys the least recently written are forgotten,
 * and a forgotten key reads as the newest forgotten generation: memos older than that are treated
 * as stale (one extra fetch), never the other way round.
 */
export interface WriteGenerations<K> {
  /** The key's current generation; compare with a later call to detect writes in between. */
  current(key: K): number
  /** Records a write to `key`: its generation moves past every earlier one. */
  bump(key: K): void
}

/** Creates the counter; `capacity` bounds the keys remembered (the customers written most recently). */
export function createWriteGenerations<K>(capacity = 10_000): WriteGenerations<K> {
  // Insertion order = write order (a bumped key is re-inserted), so the first key is the oldest.
  const byKey = new Map<K, number>()
  let latest = 0
  let forgotten = 0
  return {
    current: (key) => byKey.get(key) ?? forgotten,
    bump(key) {
      byKey.delete(key)
      byKey.set(key, ++latest)
      if (byKey.size <= capacity) return
      const [oldestKey, oldestGeneration] = byKey.entries().next().value as [K, number]
      byKey.delete(oldestKey)
      forgotten = oldestGeneration
    },
  }
}
