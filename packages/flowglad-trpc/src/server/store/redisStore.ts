import { createRedisCacheGenerations } from './cacheGenerations'
import type { FlowgladStore, ReserveResult } from './FlowgladStore'
import {
  addMemberScript,
  commitScript,
  deleteScript,
  getScript,
  incrementScript,
  lockScript,
  membersScript,
  releaseScript,
  removeMemberScript,
  renewScript,
  reserveScript,
  setIfAbsentScript,
  setScript,
  snapshotScript,
  unlockScript,
} from './redisScripts'

/** An `ioredis` client (v5+): only `call` is used, so no type from ioredis is needed. */
export interface IoRedisLike {
  call(command: string, ...args: (string | number)[]): Promise<unknown>
}

/** A `redis` (node-redis v4+) client: only `sendCommand` is used. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>
}

/** Options of `createRedisStore`. */
export interface RedisStoreOptions {
  /** A connected `ioredis` or `redis` client; the store never closes it. */
  readonly redis: IoRedisLike | NodeRedisLike
  /** Prefix of every key (default `flowglad:`), e.g. to share one Redis between apps. */
  readonly prefix?: string
  /**
   * How long one store call may take before it counts as Redis being down (default 2 000 ms);
   * the gate then applies its policy (`failClosed`: 503, `failOpen`: this process's own ledger).
   */
  readonly timeoutMs?: number
}

/** Idle ledgers expire after this long (a recreated one gets a new epoch: older snapshots go stale). */
const IDLE_MS = 10 * 60_000

/** Thrown when Redis does not answer in time. */
export class StoreTimeoutError extends Error {
  override readonly name = 'StoreTimeoutError'
}

/** Runs scripts by hash (EVALSHA), loading them on first use (NOSCRIPT) through EVAL. */
function createScriptRunner(redis: IoRedisLike | NodeRedisLike, timeoutMs: number) {
  const send =
    'call' in redis
      ? (args: string[]) => redis.call(args[0] as string, ...args.slice(1))
      : (args: string[]) => redis.sendCommand(args)
  const shas = new Map<string, string>()
  const withTimeout = <T>(promise: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreTimeoutError(`Redis did not answer in ${timeoutMs} ms`)),
        timeoutMs,
      )
    })
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
  }
  return async (script: string, keys: string[], args: (string | number)[]): Promise<unknown> => {
    let sha = shas.get(script)
    if (!sha) {
      // Redis names a script by its SHA-1 (EVALSHA); Web Crypto, so this module bundles for edge runtimes.
      const digest = await globalThis.crypto.subtle.digest('SHA-1', new TextEncoder().encode(script))
      sha = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
      shas.set(script, sha)
    }
    const tail = [String(keys.length), ...keys, ...args.map(String)]
    try {
      return await withTimeout(send(['EVALSHA', sha, ...tail]))
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error
      return withTimeout(send(['EVAL', script, ...tail]))
    }
  }
}

/** A script's `{status, number}` reply as a reservation result. */
function reserveResult(reply: unknown): ReserveResult {
  const [status, amount] = reply as [ReserveResult['status'], string]
  if (status === 'reserved' || status === 'refused') return { status, available: Number(amount) }
  if (status === 'uncertain') return { status }
  return { status }
}

/**
 * A store shared by every process that uses the same Redis: spends of one customer are checked
 * against one ledger, whichever instance serves them, and the default pricing model is fetched
 * once for all. Each ledger step is one Lua script, atomic in Redis; holds expire (a crashed
 * instance frees its credits after the lease). Works with `ioredis` and `redis` clients.
 */
export function createRedisStore(options: RedisStoreOptions): FlowgladStore {
  const prefix = options.prefix ?? 'flowglad:'
  const run = createScriptRunner(options.redis, options.timeoutMs ?? 2_000)
  const ledgerKey = (key: string) => `${prefix}ledger:${key}`
  const valueKey = (key: string) => `${prefix}value:${key}`
  const lockKey = (key: string) => `${prefix}lock:${key}`
  const setKey = (key: string) => `${prefix}set:${key}`
  return {
    kind: 'redis',
    async snapshot(key) {
      const [epoch, sequence] = (await run(snapshotScript, [ledgerKey(key)], [IDLE_MS])) as [string, string]
      return { epoch: String(epoch), sequence: Number(sequence) }
    },
    async reserve(key, request) {
      return reserveResult(
        await run(
          reserveScript,
          [ledgerKey(key)],
          [
            request.id,
            request.amount,
            request.balance,
            request.snapshot.epoch,
            request.snapshot.sequence,
            request.leaseMs,
            IDLE_MS,
          ],
        ),
      )
    },
    async renew(key, id, leaseMs) {
      return Number(await run(renewScript, [ledgerKey(key)], [id, leaseMs, ''])) === 1
    },
    async confirm(key, id, leaseMs) {
      return Number(await run(renewScript, [ledgerKey(key)], [id, leaseMs, '1'])) === 1
    },
    async release(key, id) {
      await run(releaseScript, [ledgerKey(key)], [id])
    },
    async commit(key, { id, amount, retainMs }) {
      await run(commitScript, [ledgerKey(key)], [id, amount, retainMs, Math.max(IDLE_MS, retainMs)])
    },
    async get(key) {
      const value = await run(getScript, [valueKey(key)], [])
      return typeof value === 'string' ? value : undefined
    },
    async set(key, value, ttlMs) {
      await run(setScript, [valueKey(key)], [value, Math.max(1, Math.round(ttlMs))])
    },
    async setIfAbsent(key, value, ttlMs) {
      const reply = await run(setIfAbsentScript, [valueKey(key)], [value, Math.max(1, Math.round(ttlMs))])
      return Number(reply) === 1
    },
    async delete(key) {
      await run(deleteScript, [valueKey(key)], [])
    },
    async addMember(key, member, ttlMs) {
      await run(addMemberScript, [setKey(key)], [member, Math.max(1, Math.round(ttlMs))])
    },
    async removeMember(key, member) {
      await run(removeMemberScript, [setKey(key)], [member])
    },
    async members(key) {
      return ((await run(membersScript, [setKey(key)], [])) as string[]).map(String)
    },
    async increment(key, ttlMs) {
      return Number(await run(incrementScript, [valueKey(key)], [Math.max(1, Math.round(ttlMs))]))
    },
    async tryLock(key, owner, ttlMs) {
      return Number(await run(lockScript, [lockKey(key)], [owner, Math.max(1, Math.round(ttlMs))])) === 1
    },
    async unlock(key, owner) {
      await run(unlockScript, [lockKey(key)], [owner])
    },
    generations: createRedisCacheGenerations({ redis: options.redis, prefix }),
  }
}
