import { redactSecret } from '../../core/errors'

// Deep enough for Flowglad's bodies (error -> issues -> issue -> params), bounded against hostile input.
const MAX_DEPTH = 12

/** Error fields that are own but not enumerable, so a plain walk would miss them. */
const errorTextFields = ['message', 'stack'] as const

function scrubValue(value: unknown, secret: string, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return value.includes(secret) ? redactSecret(value, secret) : value
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH || seen.has(value)) return value
  seen.add(value)
  if (value instanceof Headers) {
    for (const [name, text] of value) if (text.includes(secret)) value.set(name, redactSecret(text, secret))
    return value
  }
  const target = value as Record<PropertyKey, unknown>
  const keys: PropertyKey[] = Object.keys(target)
  if (value instanceof Error) keys.push(...errorTextFields, 'cause')
  for (const key of new Set(keys)) {
    const before = target[key]
    const after = scrubValue(before, secret, seen, depth + 1)
    if (after === before) continue
    try {
      target[key] = after
    } catch {
      // Frozen or getter-only: nothing we can do in place (such values are not ours to log).
    }
  }
  return value
}

/**
 * Removes `secret` everywhere an app's `onError` could print it: the error's message and stack, its
 * `cause` chain, and whatever those errors carry (Flowglad's response body, its `issues`, headers).
 * Works in place, so every reference to the error sees the scrubbed version.
 */
export function scrubSecret(error: unknown, secret: string | undefined): void {
  if (!secret) return
  scrubValue(error, secret, new WeakSet(), 0)
}
