import { monotonicNow } from '../engine/clock'
import type { FlowgladStore } from './FlowgladStore'

/** Options of `sharedLoader`. */
export interface SharedLoaderOptions {
  /** How long one instance may hold the load before others give up waiting and load themselves. */
  readonly lockMs?: number
  /** How often waiting instances look for the loaded value. */
  readonly pollMs?: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Carries the loader's own failure past the store's error handling: an upstream error is never retried here. */
class LoadFailure {
  constructor(readonly cause: unknown) {}
}

/**
 * Wraps `load` so instances sharing `store` load once per `ttlMs`: the first takes a short lock
 * and loads, the others wait for its value (N cold instances, 1 upstream call). Values are JSON.
 * The store is an optimisation here, never a dependency: when it fails, the instance loads itself.
 */
export function sharedLoader<V>(
  store: FlowgladStore,
  storeKey: string | Promise<string>,
  ttlMs: number,
  load: () => Promise<V>,
  options: SharedLoaderOptions = {},
): () => Promise<V> {
  const lockMs = options.lockMs ?? 10_000
  const pollMs = options.pollMs ?? 20
  const cached = async (key: string): Promise<V | undefined> => {
    const text = await store.get(key)
    return text === undefined ? undefined : (JSON.parse(text) as V)
  }
  return async () => {
    try {
      const key = await storeKey
      const deadline = monotonicNow() + lockMs
      const owner = globalThis.crypto.randomUUID()
      for (;;) {
        const hit = await cached(key)
        if (hit !== undefined) return hit
        if (await store.tryLock(key, owner, lockMs)) {
          try {
            // Another instance may have stored it between our read and our lock.
            const filled = await cached(key)
            if (filled !== undefined) return filled
            const value = await load().catch((error: unknown) => {
              throw new LoadFailure(error)
            })
            await store.set(key, JSON.stringify(value), ttlMs).catch(() => {})
            return value
          } finally {
            await store.unlock(key, owner).catch(() => {})
          }
        }
        if (monotonicNow() > deadline) break
        await sleep(pollMs)
      }
    } catch (error) {
      if (error instanceof LoadFailure) throw error.cause
      // The store is down: this instance loads for itself below.
    }
    return load()
  }
}

/** A store key for one Flowglad account and endpoint, without the key itself in it (Web Crypto: edge-safe). */
export async function accountKey(
  name: string,
  apiKey: string | undefined,
  baseURL: string | undefined,
): Promise<string> {
  const text = new TextEncoder().encode(`${apiKey ?? 'emulator'}\u0000${baseURL ?? ''}`)
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', text))
  const account = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${name}:${account.slice(0, 16)}`
}

/** The default pricing model's loader: through the shared store when the options give one. */
export function sharedPricingLoader<V>(
  options: {
    readonly store?: FlowgladStore | undefined
    readonly apiKey?: string | undefined
    readonly baseURL?: string | undefined
    readonly pricingCacheTtlMs?: number | undefined
  },
  load: () => Promise<V>,
): () => Promise<V> {
  const ttlMs = options.pricingCacheTtlMs ?? 60_000
  if (!options.store || ttlMs <= 0) return load
  return sharedLoader(
    options.store,
    accountKey('pricing:default', options.apiKey, options.baseURL),
    ttlMs,
    load,
  )
}
