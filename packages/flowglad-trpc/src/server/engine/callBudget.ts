import type { FlowgladNodeClient } from '../types'
import { FlowgladUpstreamError } from '../upstream/FlowgladUpstreamError'
import { monotonicNow } from './clock'

/**
 * One handler's share of upstream time, and what it has sent so far. `runHandler` creates it and
 * hands it down explicitly: the handler's scope and client are bound to it, so every upstream
 * request of the handler (billing read, then the write, retries included) draws on one deadline.
 */
export interface CallBudget {
  /** When (`monotonicNow()` ms) every upstream request of the handler must be done (retries included). */
  readonly deadline: number
  /** Upstream writes (non-GET requests) sent: a failure before any means nothing was applied. */
  writesSent: number
  /** The calling handler's budget, for a nested call: its writes count there too. */
  readonly outer?: CallBudget | undefined
  /** The client the runtime leased to the handler, until the handler returns (`runtime.release`). */
  leased?: FlowgladNodeClient | undefined
  /** The deadline's one timer (`settleByDeadline`): what it ends when it fires, or `expired` once it has. */
  timer?: DeadlineTimer | undefined
}

/** What the budget's timer ends at the deadline: the upstream attempts in flight. */
interface DeadlineTimer {
  readonly onExpiry: Set<() => void>
  expired: boolean
}

/**
 * Calls `expire` when the budget's deadline passes, until the returned function is called: an
 * upstream attempt is bounded by the handler's one timer instead of a timer of its own. Undefined
 * when the budget has no timer (a budget not run by `settleByDeadline`): set one yourself.
 */
export function onDeadline(budget: CallBudget | undefined, expire: () => void): (() => void) | undefined {
  const timer = budget?.timer
  if (!timer) return undefined
  if (timer.expired) {
    expire()
    return () => {}
  }
  timer.onExpiry.add(expire)
  return () => timer.onExpiry.delete(expire)
}

/** A fresh budget of `ms` from now, or a nested one sharing `outer`'s deadline. */
export function createCallBudget(ms: number, outer?: CallBudget): CallBudget {
  return outer
    ? { deadline: outer.deadline, writesSent: 0, outer }
    : { deadline: monotonicNow() + ms, writesSent: 0 }
}

/** Counts one upstream write against the budget and every budget it is nested in. */
export function countWrite(budget: CallBudget | undefined): void {
  for (let current = budget; current; current = current.outer) current.writesSent += 1
}

// The upstream request fails at the deadline with the precise reason (timeout, outcome unknown);
// this backstop fires just after, for work that waits on something else (a shared billing read
// another handler started, the pricing loader, a customer creation in flight).
const BACKSTOP_GRACE_MS = 50

/** A handler waiting for its deadline (`settleByDeadline`), in the shared deadline clock. */
interface PendingDeadline {
  readonly deadline: number
  readonly expire: () => void
}

// One Node timer for every handler in flight, armed at the earliest deadline, instead of one timer
// per handler: setting and clearing a lone timer per call re-creates Node's timer list each time
// (~3 µs of a billing read, bench/server/engine). A settled handler just leaves the set.
const pendingDeadlines = new Set<PendingDeadline>()
let clock: ReturnType<typeof setTimeout> | undefined
let clockAt = Number.POSITIVE_INFINITY

/** Only a timer with nobody waiting on it lets the process exit (as the per-handler timers did). */
function holdProcess(hold: boolean): void {
  const handle = clock as { ref?: () => void; unref?: () => void } | undefined
  if (hold) handle?.ref?.()
  else handle?.unref?.()
}

function armClock(at: number): void {
  if (clock !== undefined) clearTimeout(clock)
  clockAt = at
  clock = setTimeout(tickClock, Math.max(0, at - monotonicNow()))
}

function tickClock(): void {
  clock = undefined
  clockAt = Number.POSITIVE_INFINITY
  const now = monotonicNow()
  let next = Number.POSITIVE_INFINITY
  const due: PendingDeadline[] = []
  for (const pending of pendingDeadlines) {
    if (pending.deadline <= now) due.push(pending)
    else if (pending.deadline < next) next = pending.deadline
  }
  for (const pending of due) pendingDeadlines.delete(pending)
  if (next !== Number.POSITIVE_INFINITY) armClock(next)
  for (const pending of due) pending.expire()
}

function awaitDeadline(pending: PendingDeadline): void {
  pendingDeadlines.add(pending)
  if (pending.deadline < clockAt) armClock(pending.deadline)
  else if (pendingDeadlines.size === 1) holdProcess(true)
}

function leaveDeadline(pending: PendingDeadline): void {
  if (pendingDeadlines.delete(pending) && pendingDeadlines.size === 0) holdProcess(false)
}

/**
 * `task`'s outcome, or a timeout error once the budget's deadline has passed (plus a short grace)
 * if `task` still waits: the caller settles on time whatever it waits on. At the deadline it also
 * ends the budget's upstream attempts (`onDeadline`).
 */
export function settleByDeadline<T>(budget: CallBudget, task: () => Promise<T>): Promise<T> {
  const deadlineTimer: DeadlineTimer = { onExpiry: new Set(), expired: false }
  budget.timer = deadlineTimer
  return new Promise<T>((resolve, reject) => {
    let backstop: ReturnType<typeof setTimeout> | undefined
    const pending: PendingDeadline = {
      deadline: budget.deadline,
      expire: () => {
        deadlineTimer.expired = true
        for (const expire of deadlineTimer.onExpiry) expire()
        backstop = setTimeout(
          () =>
            reject(
              new FlowgladUpstreamError('Flowglad did not answer within the time budget.', {
                failure: 'timeout',
              }),
            ),
          BACKSTOP_GRACE_MS,
        )
      },
    }
    awaitDeadline(pending)
    const settle = () => {
      leaveDeadline(pending)
      if (backstop !== undefined) clearTimeout(backstop)
    }
    // Lost the race: its own later failure is already reported as the timeout.
    task().then(
      (value) => {
        settle()
        resolve(value)
      },
      (error: unknown) => {
        settle()
        reject(error)
      },
    )
  })
}
