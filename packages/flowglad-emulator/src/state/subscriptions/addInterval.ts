import type { IntervalUnit } from '../records'

const DAY = 86_400_000

/** Adds `count` intervals to an epoch-ms time; months and years follow the calendar (UTC). */
export function addInterval(from: number, unit: IntervalUnit, count: number): number {
  const date = new Date(from)
  const add: Record<IntervalUnit, () => number> = {
    day: () => from + count * DAY,
    week: () => from + count * 7 * DAY,
    month: () => date.setUTCMonth(date.getUTCMonth() + count),
    year: () => date.setUTCFullYear(date.getUTCFullYear() + count),
  }
  return add[unit]()
}
