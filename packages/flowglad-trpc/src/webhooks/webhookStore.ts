// Where the receiver remembers deliveries, so each event runs its handlers once: a claim while the
// handlers run (a lease: a crashed instance's claim expires), a done mark once they succeeded (kept
// long enough to outlive the sender's retries), and the claim released when they failed (the
// sender's retry runs them again). No node: imports: this runs on edge runtimes.
import {
  type CacheGenerations,
  createMemoryCacheGenerations,
  createRedisCacheGenerations,
  type RedisCommandClient,
  redisCommand,
} from '../server/store/cacheGenerations'

/** What `claim` found. */
export type ClaimResult = 'claimed' | 'done' | 'busy'

/** The receiver's state: delivery dedupe, plus the counters that tell other instances to drop caches. */
export interface WebhookStore {
  /** Takes the delivery for this caller unless it is done or held (returns `token` on success). */
  claim(id: string, token: string, leaseMs: number): Promise<ClaimResult>
  /** Marks the delivery done for `retainMs`: later copies are acknowledged without running handlers. */
  complete(id: string, token: string, retainMs: number): Promise<void>
  /** Drops this caller's claim (its handlers failed): the next copy runs them. */
  release(id: string, token: string): Promise<void>
  /** Shared cache counters (`createFlowglad({ store })` reads the same ones). */
  readonly generations: CacheGenerations
}

/** Options of `createMemoryWebhookStore`. */
export interface MemoryWebhookStoreOptions {
  /** Deliveries remembered at most (the oldest are forgotten first); default 100 000. */
  readonly capacity?: number
  readonly now?: () => number
  /** Counters to bump; default: this store's own (pass a FlowgladStore's to share them). */
  readonly generations?: CacheGenerations
}

/** Dedupe in this process: enough for one instance; use `createRedisWebhookStore` for more. */
export function createMemoryWebhookStore(options: MemoryWebhookStoreOptions = {}): WebhookStore {
  const { capacity = 100_000, now = Date.now } = options
  const records = new Map<string, { state: string; expiresAt: number }>()
  const live = (id: string) => {
    const record = records.get(id)
    if (record && record.expiresAt <= now()) records.delete(id)
    return record && record.expiresAt > now() ? record : undefined
  }
  const put = (id: string, state: string, ms: number) => {
    records.delete(id)
    records.set(id, { state, expiresAt: now() + ms })
    if (records.size > capacity) records.delete(records.keys().next().value as string)
  }
  return {
    claim: async (id, token, leaseMs) => {
      const record = live(id)
      if (record) return record.state === 'done' ? 'done' : 'busy'
      put(id, `held:${token}`, leaseMs)
      return 'claimed'
    },
    complete: async (id, _token, retainMs) => put(id, 'done', retainMs),
    release: async (id, token) => {
      if (live(id)?.state === `held:${token}`) records.delete(id)
    },
    generations: options.generations ?? createMemoryCacheGenerations(),
  }
}

/** Options of `createRedisWebhookStore`. */
export interface RedisWebhookStoreOptions {
  /** A connected `ioredis` or `redis` client; the store never closes it. */
  readonly redis: RedisCommandClient
  /** Prefix of every key (default `flowglad:`, as `createRedisStore`'s). */
  readonly prefix?: string
}

const claimScript = `
if redis.call('SET', KEYS[1], 'held:' .. ARGV[1], 'NX', 'PX', ARGV[2]) then return 'claimed' end
if redis.call('GET', KEYS[1]) == 'done' then return 'done' end
return 'busy'`

const releaseScript = `
if redis.call('GET', KEYS[1]) == 'held:' .. ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`

/** Dedupe shared by every instance on one Redis: one claim per delivery, across processes. */
export function createRedisWebhookStore(options: RedisWebhookStoreOptions): WebhookStore {
  const prefix = options.prefix ?? 'flowglad:'
  const key = (id: string) => `${prefix}webhook:${id}`
  const run = (args: string[]) => redisCommand(options.redis, args)
  return {
    claim: async (id, token, leaseMs) =>
      String(
        await run(['EVAL', claimScript, '1', key(id), token, String(Math.max(1, leaseMs))]),
      ) as ClaimResult,
    complete: async (id, _token, retainMs) => {
      await run(['SET', key(id), 'done', 'PX', String(Math.max(1, retainMs))])
    },
    release: async (id, token) => {
      await run(['EVAL', releaseScript, '1', key(id), token])
    },
    generations: createRedisCacheGenerations(options),
  }
}

export type { CacheGenerations, RedisCommandClient }
