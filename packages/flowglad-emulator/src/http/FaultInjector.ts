import { matchPathGlob } from './matchPathGlob'

/** A failure to inject into the next `times` matching API requests. */
export interface FaultSpec {
  /**
   * `path` is a prefix (or, in-process only, a RegExp of the caller's own); `pathGlob` a glob
   * (`*` within a segment, `**` across segments), the only pattern the HTTP control API accepts.
   */
  match: { method?: string; path?: string | RegExp; pathGlob?: string }
  /** Respond with this status instead of running the request. */
  status?: number
  /** Body for `status` (default: a Flowglad error body). */
  body?: unknown
  /** Response headers for `status` (e.g. `Retry-After` on a 429 from a proxy in front of Flowglad). */
  headers?: Record<string, string>
  /** Wait this long first (then fail, drop, or run the request normally). */
  latencyMs?: number
  /** Drop the connection: the socket is destroyed, or the in-process fetch rejects. */
  drop?: boolean
  times: number
}

/** Thrown by the handler for a dropped request; adapters turn it into a network failure. */
export class DroppedConnectionError extends TypeError {
  override readonly name = 'DroppedConnectionError'
  constructor() {
    super('fetch failed: connection dropped by flowglad-emulator fault injection')
  }
}

/** Holds armed faults and hands out the first one matching a request, counting it down. */
export class FaultInjector {
  private faults: Array<FaultSpec & { remaining: number }> = []

  /** Arms a fault. */
  inject(fault: FaultSpec): void {
    this.faults.push({ ...fault, remaining: fault.times })
  }

  /** Disarms every fault. */
  clear(): void {
    this.faults = []
  }

  /** Takes one use of the first fault that matches, if any. */
  take(method: string, path: string): FaultSpec | undefined {
    const fault = this.faults.find(({ match, remaining }) => {
      if (remaining <= 0) return false
      if (match.method && match.method.toUpperCase() !== method) return false
      if (match.pathGlob !== undefined && !matchPathGlob(match.pathGlob, path)) return false
      if (typeof match.path === 'string') return path.startsWith(match.path)
      if (match.path instanceof RegExp) return match.path.test(path)
      return true
    })
    if (!fault) return undefined
    fault.remaining -= 1
    this.faults = this.faults.filter((f) => f.remaining > 0)
    return fault
  }
}
