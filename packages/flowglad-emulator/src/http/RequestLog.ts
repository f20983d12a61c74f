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
  private readonly byAnswer = new WeakMap<object, RequestLogEntry>()

  /** Appends an entry; `answer` (the response it logs) lets a later layer correct its status. */
  record(entry: RequestLogEntry, answer?: object): void {
    this.entries.push(entry)
    if (answer) this.byAnswer.set(answer, entry)
  }

  /** The same entry for the answer in another form (an `ApiReply` turned into a `Response`). */
  relink(from: object, to: object): void {
    const entry = this.byAnswer.get(from)
    if (entry) this.byAnswer.set(to, entry)
  }

  /**
   * Logs the status the client actually received when an outer layer replaced `answer` (a write
   * whose save failed is answered 500, whatever the handler said).
   */
  replaced(answer: object, status: number): void {
    const entry = this.byAnswer.get(answer)
    if (entry) entry.status = status
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
