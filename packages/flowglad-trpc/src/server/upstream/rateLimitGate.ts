import { monotonicNow } from '../engine/clock'
/**
 * One process-wide pause after Flowglad answers 429: until it ends, no request is sent. A caller
 * whose deadline falls inside the pause fails at once instead of adding to the load.
 */
export interface RateLimitGate {
  /** Until when (`monotonicNow()` ms) requests are held (0 when open). */
  readonly closedUntil: number
  /** Holds every request for `ms` from now (a later pause wins). */
  pause(ms: number): void
  /** Waits for the pause to end; resolves false, at once, when it would end after `deadline`. */
  wait(deadline: number): Promise<boolean>
}

/** Creates an open gate. */
export function createRateLimitGate(now: () => number = monotonicNow): RateLimitGate {
  let closedUntil = 0
  return {
    get closedUntil() {
      return closedUntil
    },
    pause(ms) {
      closedUntil = Math.max(closedUntil, now() + ms)
    },
    async wait(deadline) {
      const until = closedUntil
      if (until <= now()) return true
      if (until > deadline) return false
      await new Promise((resolve) => setTimeout(resolve, until - now()))
      return true
    },
  }
}

/** Milliseconds a 429 asks us to wait (`retry-after-ms`, then `Retry-After` seconds or date), if it says. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '')
  if (Number.isFinite(ms) && ms >= 0) return ms
  const header = headers.get('retry-after')
  if (!header) return undefined
  const seconds = Number.parseFloat(header)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
