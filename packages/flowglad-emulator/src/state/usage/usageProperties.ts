/**
 * Usage event `properties` as Flowglad stores and compares them (utils/usage/usageEventHelpers.ts,
 * bulkInsertUsageEventsTransaction.ts): absent or null is stored as `{}`; Postgres `jsonb` hands
 * them back with its own key order; count_distinct_properties meters compare them with every
 * object's keys sorted (`stableStringifyUsageEventProperties`).
 */
export type UsageProperties = Record<string, unknown>

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Copies a JSON value with every object's keys in `order` (arrays keep theirs). A `__proto__` key
 * is left out: Flowglad's server drops it (seen on the oracle: `{u: {__proto__: {x: 1}, b: 2}}` is
 * stored as `{u: {b: 2}}`), and assigning it would set the copy's prototype instead.
 */
function withKeysOrdered(value: unknown, order: (a: string, b: string) => number): unknown {
  if (Array.isArray(value)) return value.map((item) => withKeysOrdered(item, order))
  if (!isPlainObject(value)) return value
  const ordered: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort(order)) {
    if (key !== '__proto__') ordered[key] = withKeysOrdered(value[key], order)
  }
  return ordered
}

/** The properties of an event sent without any: one frozen `{}` shared by them all (records are never edited). */
const NO_PROPERTIES: UsageProperties = Object.freeze({})

const isEmpty = (properties: UsageProperties) => {
  for (const _ in properties) return false
  return true
}

const utf8 = new TextEncoder()
const NON_ASCII = /[\u0080-\uffff]/

/**
 * Postgres jsonb's key order: shorter keys first (length in UTF-8 bytes), equal lengths by bytes.
 * For ASCII, string length and UTF-16 order are the byte length and byte order.
 */
function jsonbKeyOrder(a: string, b: string): number {
  if (!NON_ASCII.test(a) && !NON_ASCII.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
  const x = utf8.encode(a)
  const y = utf8.encode(b)
  if (x.length !== y.length) return x.length - y.length
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number)
  return 0
}

/** JavaScript's default sort (UTF-16 code units), which `stableSortJsonKeysDeep` uses. */
const codeUnitOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The properties a created event carries on the wire: `properties ?? {}` (usageEventHelpers.ts
 * `ingestAndProcessUsageEvent`), read back from a jsonb column, so in jsonb's key order (seen on the
 * oracle: `{bb, a, ccc: {zz, y}, B}` comes back as `{B, a, bb, ccc: {y, zz}}`).
 */
export function storedProperties(properties: UsageProperties | null | undefined): UsageProperties {
  if (!properties || isEmpty(properties)) return NO_PROPERTIES
  return withKeysOrdered(properties, jsonbKeyOrder) as UsageProperties
}

/**
 * The combination a count_distinct_properties meter counts once per billing period:
 * usageEventHelpers.ts `stableStringifyUsageEventProperties`, `JSON.stringify` of the properties
 * with every object's keys sorted, so `{a, b}` and `{b, a}` are one combination.
 */
export function propertiesCombination(properties: UsageProperties | null): string {
  if (!properties || isEmpty(properties)) return '{}'
  return JSON.stringify(withKeysOrdered(properties, codeUnitOrder))
}

/** Whether an event names a combination: count_distinct_properties needs a non-empty object. */
export const hasProperties = (properties: UsageProperties | null | undefined): boolean =>
  isPlainObject(properties) && Object.keys(properties).length > 0
