// How instances learn that a customer's billing changed elsewhere (a webhook arrived on another
// instance): a counter per scope in the shared store. A webhook bumps it; before reusing a billing
// answer, an instance reads it and drops what it cached when the counter moved. No node: imports:
// the webhook receiver (edge runtimes) bumps through this file too.

/** Counters instances compare to tell whether something changed since they last looked. */
export interface CacheGenerations {
  /** The scope's current value ('0' when never bumped). */
  read(scope: string): Promise<string>
  /** Moves the scope's value on, for every instance sharing the store. */
  bump(scope: string): Promise<void>
}

/** The scope of one customer's billing (by externalId). */
export const customerScope = (externalId: string) => `customer:${externalId}`

/** Counters for one process (tests, single instances). */
export function createMemoryCacheGenerations(): CacheGenerations {
  const values = new Map<string, number>()
  return {
    read: async (scope) => String(values.get(scope) ?? 0),
    bump: async (scope) => {
      values.set(scope, (values.get(scope) ?? 0) + 1)
    },
  }
}

/** A Redis client: `ioredis` (`call`) or `redis` (`sendCommand`). */
export type RedisCommandClient =
  | { call(command: string, ...args: (string | number)[]): Promise<unknown> }
  | { sendCommand(args: string[]): Promise<unknown> }

/** Sends one command through either client shape. */
export function redisCommand(redis: RedisCommandClient, args: string[]): Promise<unknown> {
  return 'call' in redis ? redis.call(args[0] as string, ...args.slice(1)) : redis.sendCommand(args)
}

/** How long an untouched counter lives: longer than any billing answer is reused. */
const COUNTER_TTL_MS = 24 * 60 * 60_000

/** Counters in Redis, under `${prefix}generation:` (same default prefix as `createRedisStore`). */
export function createRedisCacheGenerations(options: {
  readonly redis: RedisCommandClient
  readonly prefix?: string
}): CacheGenerations {
  const prefix = `${options.prefix ?? 'flowglad:'}generation:`
  return {
    read: async (scope) => {
      const value = await redisCommand(options.redis, ['GET', `${prefix}${scope}`])
      return value == null ? '0' : String(value)
    },
    bump: async (scope) => {
      // One script: the counter and its expiry move together.
      await redisCommand(options.redis, [
        'EVAL',
        "local v = redis.call('INCR', KEYS[1]); redis.call('PEXPIRE', KEYS[1], ARGV[1]); return v",
        '1',
        `${prefix}${scope}`,
        String(COUNTER_TTL_MS),
      ])
    },
  }
}
