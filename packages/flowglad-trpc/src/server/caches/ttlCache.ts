import { monotonicNow } from '../engine/clock'
import { createSingleFlight } from './singleFlight'

/** A value cached in memory for `ttlMs`, refreshed by a single upstream call however many callers wait. */
export interface TtlCache<V> {
  /** The cached value, or the one being fetched, or a fresh fetch. */
  get(): Promise<V>
  /** Drops the cached value. */
  clear(): void
}

/** Caches `load()`'s result for `ttlMs` (0 disables caching but keeps single-flight); failures are not cached. */
export function createTtlCache<V>(
  load: () => Promise<V>,
  ttlMs: number,
  now: () => number = monotonicNow,
): TtlCache<V> {
  const flight = createSingleFlight<'value', V>()
  let cached: { value: V; expiresAt: number } | undefined
  return {
    async get() {
      if (cached && cached.expiresAt > now()) return cached.value
      return flight.run('value', async () => {
        const value = await load()
        cached = { value, expiresAt: now() + ttlMs }
        return value
      })
    },
    clear() {
      cached = undefined
      flight.forget('value')
    },
  }
}
