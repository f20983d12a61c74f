import type { EmulatorStore } from '../state/EmulatorStore'

/**
 * Serialises API answers, reusing the JSON of objects that recur between answers while the state
 * is unchanged, or within one answer. The billing read returns the pricing model twice
 * (`pricingModel` and its alias `catalog`, 2 x 9 KB of its 28 KB) and the current subscription three
 * times (in `subscriptions`, `currentSubscriptions`, `currentSubscription`); serialising them was
 * the largest cost of that request.
 *
 * Sound because every change to state is followed by `store.changed()` (the contract persistence
 * relies on too), which invalidates everything cached before it. Output is byte-for-byte
 * `JSON.stringify(body)`: only the values of a plain top-level object are spliced, in key order.
 */
/** Answers remembered whole, by request key. */
const MAX_ANSWERS = 256

/** How deep `sameShape` looks into fresh arrays and plain objects (billing: invoices → entry → line items → line). */
const SAME_DEPTH = 3

const isPlainObject = (value: object): boolean => Object.getPrototypeOf(value) === Object.prototype
const isPlainArray = (value: object): value is unknown[] =>
  Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype

/**
 * Whether `a` is written as `b` was, judged without serialising: the same object (unchanged while the
 * store version is), or fresh plain arrays/objects (a handler's `filter`/`map`) holding the same
 * values in the same order, `depth` levels down. False only means "serialise it".
 */
function sameShape(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true
  if (depth === 0 || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (isPlainArray(a)) {
    if (!isPlainArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameShape(a[i], b[i], depth - 1)) return false
    return true
  }
  if (!isPlainObject(a) || !isPlainObject(b) || typeof (a as { toJSON?: unknown }).toJSON === 'function')
    return false
  const aKeys = Object.keys(a)
  const bKeys = Object.keys(b)
  if (aKeys.length !== bKeys.length) return false
  for (let i = 0; i < aKeys.length; i++) {
    const key = aKeys[i] as string
    if (key !== bKeys[i]) return false
    if (!sameShape((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth - 1))
      return false
  }
  return true
}

export class ResponseJson {
  private version = 0
  private cache = new WeakMap<object, { version: number; json: string }>()
  /** The last answer per request key, by parts, so an unchanged answer is not concatenated again. */
  private readonly answers = new Map<
    string,
    { parts: string[]; json: string; body: object; version: number }
  >()

  constructor(store: EmulatorStore) {
    store.onChange(() => {
      this.version++
    })
  }

  /** `JSON.stringify(body)`; `key` (method and path) lets an answer equal to the last one for it be reused whole. */
  stringify(body: unknown, key?: string): string {
    if (body === null || typeof body !== 'object' || Object.getPrototypeOf(body) !== Object.prototype)
      return JSON.stringify(body)
    const record = body as Record<string, unknown>
    if (typeof record.toJSON === 'function') return JSON.stringify(body)
    const last = key === undefined ? undefined : this.answers.get(key)
    // The same values as the last answer for this key, state unchanged: the same bytes, unserialised.
    if (last && last.version === this.version && sameShape(record, last.body, SAME_DEPTH + 1))
      return last.json
    const seen = new Map<object, string>()
    const parts: string[] = []
    for (const name of Object.keys(record)) {
      const value = this.value(record[name], seen, true)
      if (value !== undefined) parts.push(JSON.stringify(name), value)
    }
    if (last && last.parts.length === parts.length && last.parts.every((part, i) => part === parts[i])) {
      last.body = record
      last.version = this.version
      return last.json
    }
    let json = '{'
    for (let i = 0; i < parts.length; i += 2) json += `${i === 0 ? '' : ','}${parts[i]}:${parts[i + 1]}`
    json += '}'
    if (key !== undefined) {
      this.answers.delete(key)
      this.answers.set(key, { parts, json, body: record, version: this.version })
      // Bounded: the oldest key goes first.
      if (this.answers.size > MAX_ANSWERS) this.answers.delete(this.answers.keys().next().value as string)
    }
    return json
  }

  /**
   * The JSON of one top-level value (or, `spread`, of each element of a top-level array); undefined
   * where `JSON.stringify` leaves the key out. `seen` holds this answer's own repeats.
   */
  private value(value: unknown, seen: Map<object, string>, spread: boolean): string | undefined {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) as string | undefined
    const repeat = seen.get(value)
    if (repeat !== undefined) return repeat
    const hit = this.cache.get(value)
    if (hit?.version === this.version) return hit.json
    let json: string | undefined
    if (spread && Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype) {
      // Elements JSON.stringify leaves out (undefined, functions) are `null` in an array.
      const parts: string[] = []
      for (let i = 0; i < value.length; i++) parts.push(this.value(value[i], seen, false) ?? 'null')
      json = `[${parts.join(',')}]`
    } else {
      json = JSON.stringify(value) as string | undefined
    }
    if (json === undefined) return json
    seen.set(value, json)
    this.cache.set(value, { version: this.version, json })
    return json
  }
}
