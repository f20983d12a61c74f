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

/**
 * `task`'s outcome, or a timeout error once the budget's deadline has passed (plus a short grace)
 * if `task` still waits: the caller settles on time whatever it waits on. Its one timer also ends
 * the budget's upstream attempts at the deadline (`onDeadline`).
 */
export function settleByDeadline<T>(budget: CallBudget, task: () => Promise<T>): Promise<T> {
  const deadlineTimer: DeadlineTimer = { onExpiry: new Set(), expired: false }
  budget.timer = deadlineTimer
  return new Promise<T>((resolve, reject) => {
    let timer = setTimeout(
      () => {
        deadlineTimer.expired = true
        for (const expire of deadlineTimer.onExpiry) expire()
        timer = setTimeout(
          () =>
            reject(
              new FlowgladUpstreamError('Flowglad did not answer within the time budget.', {
                failure: 'timeout',
              }),
            ),
          BACKSTOP_GRACE_MS,
        )
      },
      Math.max(0, budget.deadline - monotonicNow()),
    )
    // Lost the race: its own later failure is already reported as the timeout.
    task().then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}
