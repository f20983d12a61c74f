import { AsyncLocalStorage } from 'node:async_hooks'
import { FlowgladUpstreamError } from '../upstream/FlowgladUpstreamError'

/** One handler's share of upstream time, and what it has sent so far. */
export interface CallBudget {
  /** Epoch ms by which every upstream request of the handler must be done (retries included). */
  readonly deadline: number
  /** Upstream writes (non-GET requests) sent: a failure before any means nothing was applied. */
  writesSent: number
}

// The budget travels with the handler's async context, so every upstream request it makes
// (billing read, then the write, retries included) draws on one deadline, however deep the call.
const budgets = new AsyncLocalStorage<CallBudget>()

/** The running handler's budget, if any. */
export function currentBudget(): CallBudget | undefined {
  return budgets.getStore()
}

// The upstream fetch fails at the deadline with the precise reason (timeout, outcome unknown);
// this backstop fires just after, for work that waits on something else (a shared billing read).
const BACKSTOP_GRACE_MS = 50

/**
 * Runs `task` within `budgetMs` in total: upstream requests inside it stop at the deadline, and
 * the returned promise settles by then even if `task` still waits. A nested call keeps the outer
 * budget (one handler calling another shares its deadline).
 */
export function withBudget<T>(
  budgetMs: number,
  task: () => Promise<T>,
  budget: CallBudget = { deadline: Date.now() + budgetMs, writesSent: 0 },
): Promise<T> {
  if (budgets.getStore()) return task()
  let timer: ReturnType<typeof setTimeout> | undefined
  const backstop = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new FlowgladUpstreamError(`Flowglad did not answer within ${budgetMs} ms.`, {
            failure: 'timeout',
          }),
        ),
      Math.max(0, budget.deadline - Date.now()) + BACKSTOP_GRACE_MS,
    )
  })
  const run = budgets.run(budget, task)
  // Lost the race: its own later failure is already reported as the timeout.
  run.catch(() => {})
  return Promise.race([run, backstop]).finally(() => clearTimeout(timer))
}
