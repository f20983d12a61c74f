/**
 * Milliseconds on this process's monotonic clock, for deadlines and time-to-live that never leave
 * the process (time budgets, billing reuse, the pricing cache, retry pauses). `performance.now()`
 * rather than `Date.now()`: it does not jump when the wall clock is set, and Next.js allows it while
 * prerendering a server component (with Cache Components, `Date.now()` there is logged as an error).
 * Anything shared between processes (a store's entries) keeps its own clock.
 */
export function monotonicNow(): number {
  return performance.now()
}
