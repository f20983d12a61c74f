/** Runs at most one `task` per key at a time: concurrent callers with the same key share its promise. */
export interface SingleFlight<K, V> {
  /** Joins the in-flight task for `key`, or starts `task` if none is running. */
  run(key: K, task: () => Promise<V>): Promise<V>
  /** Detaches `key` so the next `run` starts afresh (callers already waiting keep their promise). */
  forget(key: K): void
}

/** Creates a single-flight group; a key is released as soon as its task settles. */
export function createSingleFlight<K, V>(): SingleFlight<K, V> {
  const inFlight = new Map<K, Promise<V>>()
  return {
    run(key, task) {
      const running = inFlight.get(key)
      if (running) return running
      const started = task()
      // Only release our own entry: `forget` + a newer `run` may have replaced it. Registered before
      // any caller's reaction, so the key is free once callers resume (as with `.finally`, which
      // would cost callers two more promise hops).
      const release = () => {
        if (inFlight.get(key) === started) inFlight.delete(key)
      }
      started.then(release, release)
      inFlight.set(key, started)
      return started
    },
    forget(key) {
      inFlight.delete(key)
    },
  }
}
