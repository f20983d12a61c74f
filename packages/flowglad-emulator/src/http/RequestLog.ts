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

/**
 * Where an answer carries its log entry: a symbol-keyed property (invisible to JSON and
 * `Object.keys`) rather than a WeakMap, whose entries per answer cost the garbage collector on
 * every request.
 */
const LOG_ENTRY = Symbol('requestLogEntry')

type Tagged = { [LOG_ENTRY]?: RequestLogEntry }

/** How many entries the log keeps by default: far more than a test reads, little for a long-running emulator. */
export const REQUEST_LOG_CAPACITY = 10_000

/**
 * Ordered log of the last `capacity` API requests (in-process or HTTP, faulted or not); what
 * call-count proofs read. A ring, so an emulator left running under load holds a bounded heap.
 */
export class RequestLog {
  /** A ring once full: the oldest entry is at `start`. */
  private entries: RequestLogEntry[] = []
  private start = 0

  constructor(private readonly capacity = REQUEST_LOG_CAPACITY) {}

  /** Appends an entry (dropping the oldest when full); `answer` (the response it logs) lets a later layer correct its status. */
  record(entry: RequestLogEntry, answer?: object): void {
    if (this.entries.length < this.capacity) this.entries.push(entry)
    else {
      this.entries[this.start] = entry
      this.start = (this.start + 1) % this.capacity
    }
    if (answer) (answer as Tagged)[LOG_ENTRY] = entry
  }

  /** The same entry for the answer in another form (an `ApiReply` turned into a `Response`). */
  relink(from: object, to: object): void {
    const entry = (from as Tagged)[LOG_ENTRY]
    if (entry) (to as Tagged)[LOG_ENTRY] = entry
  }

  /**
   * Logs the status the client actually received when an outer layer replaced `answer` (a write
   * whose save failed is answered 500, whatever the handler said).
   */
  replaced(answer: object, status: number): void {
    const entry = (answer as Tagged)[LOG_ENTRY]
    if (entry) entry.status = status
  }

  /** Entries in arrival order (the last `capacity`), optionally filtered. */
  list(filter: RequestLogFilter = {}): RequestLogEntry[] {
    const ordered =
      this.start === 0
        ? this.entries
        : [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)]
    return ordered.filter((entry) => {
      if (filter.method && entry.method !== filter.method.toUpperCase()) return false
      if (typeof filter.path === 'string') return entry.path.startsWith(filter.path)
      if (filter.path instanceof RegExp) return filter.path.test(entry.path)
      return true
    })
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries = []
    this.start = 0
  }
}
