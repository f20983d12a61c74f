/** One API request as the emulator saw it. */
export interface RequestLogEntry {
  method: string
  path: string
  query: string
  status: number
  durationMs: number
  /** Virtual-clock time the request arrived (epoch ms). */
  at: number
}

/** Filter for `requests()`: exact method, and a path prefix or pattern. */
export interface RequestLogFilter {
  method?: string
  path?: string | RegExp
}

/** Ordered log of every API request (in-process or HTTP, faulted or not); what call-count proofs read. */
export class RequestLog {
  private entries: RequestLogEntry[] = []

  /** Appends an entry. */
  record(entry: RequestLogEntry): void {
    this.entries.push(entry)
  }

  /** Entries in arrival order, optionally filtered. */
  list(filter: RequestLogFilter = {}): RequestLogEntry[] {
    return this.entries.filter((entry) => {
      if (filter.method && entry.method !== filter.method.toUpperCase()) return false
      if (typeof filter.path === 'string') return entry.path.startsWith(filter.path)
      if (filter.path instanceof RegExp) return filter.path.test(entry.path)
      return true
    })
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries = []
  }
}
