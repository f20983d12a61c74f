import type { FlowgladClient } from '../types'
import { FlowgladUpstreamError } from '../upstream/FlowgladUpstreamError'

/**
 * One handler's share of upstream time, and what it has sent so far. `runHandler` creates it and
 * hands it down explicitly: the handler's scope and client are bound to it, so every upstream
 * request of the handler (billing read, then the write, retries included) draws on one deadline.
 */
export interface CallBudget {
  /** Epoch ms by which every upstream request of the handler must be done (retries included). */
  readonly deadline: number
  /** Upstream writes (non-GET requests) sent: a failure before any means nothing was applied. */
  writesSent: number
  /** The calling handler's budget, for a nested call: its writes count there too. */
  readonly outer?: CallBudget | undefined
  /** The client the runtime leased to the handler, until the handler returns (`runtime.release`). */
  leased?: FlowgladClient | undefined
}

/** A fresh budget of `ms` from now, or a nested one sharing `outer`'s deadline. */
export function createCallBudget(ms: number, outer?: CallBudget): CallBudget {
  return outer
    ? { deadline: outer.deadline, writesSent: 0, outer }
    : { deadline: Date.now() + ms, writesSent: 0 }
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
 * if `task` still waits: the caller settles on time whatever it waits on.
 */
export function settleByDeadline<T>(budget: CallBudget, task: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new FlowgladUpstreamError('Flowglad did not answer within the time budget.', {
            failure: 'timeout',
          }),
        ),
      Math.max(0, budget.deadline - Date.now()) + BACKSTOP_GRACE_MS,
    )
    // Lost the race: its own later failure is already reported as the timeout.
    task.then(
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
