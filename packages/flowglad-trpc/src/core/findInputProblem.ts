// The shape every Flowglad input must have before its own schema runs: plain JSON, bounded.
// Framework-free and zod-free: `inputs.ts` turns a problem into a zod issue (so tRPC answers
// BAD_REQUEST with the issues), and nothing here recurses, so no input can overflow the stack.

/** Limits on any Flowglad input, whatever the action (README "Security" lists them). */
export const inputLimits = {
  /** Objects/arrays inside one another, the input itself counting 1 (e.g. `properties.a.b` is 3 deep). */
  maxDepth: 8,
  /** Values of every kind in one input (objects, arrays, strings, numbers ...). */
  maxValues: 10_000,
  /** Keys of any one object. */
  maxKeys: 100,
  /** Characters of any one key. */
  maxKeyLength: 255,
  /** Items of any one array. */
  maxItems: 1_000,
  /** Characters of any one string (fields have tighter limits of their own). */
  maxStringLength: 10_000,
  /** Keys refused at any depth: they reach prototypes in JavaScript code that reads them back. */
  forbiddenKeys: ['__proto__', 'constructor', 'prototype'] as readonly string[],
} as const

/** What is wrong with an input, and where. */
export interface InputProblem {
  readonly message: string
  readonly path: readonly (string | number)[]
}

type Path = readonly (string | number)[]
type Limits = typeof inputLimits
/** What one value holds once it passed its own check: children to visit, or none. */
type Visit = { problem: string } | { children: readonly [string | number, unknown][] } | undefined

/**
 * A plain object, as JSON (or superjson, or `Object.create(null)`) makes it: no class, no FormData.
 * Its prototype may be another realm's `Object.prototype` (a prototype whose own prototype is null):
 * an edge runtime's `Request#json()` can be implemented outside the function's realm.
 */
function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value)
  if (proto === Object.prototype || proto === null) return true
  return Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]'
}

function describe(value: object): string {
  const name = Object.getPrototypeOf(value)?.constructor?.name
  return typeof name === 'string' && name ? name : 'object'
}

function visitObject(value: object | null, limits: Limits): Visit {
  if (value === null) return undefined
  if (Array.isArray(value)) {
    if (value.length > limits.maxItems) return { problem: `Too many items (at most ${limits.maxItems})` }
    return { children: value.map((item, index) => [index, item] as [number, unknown]) }
  }
  if (!isPlainObject(value))
    return { problem: `Expected plain JSON, received ${describe(value)} (send application/json)` }
  const keys = Object.keys(value)
  if (keys.length > limits.maxKeys) return { problem: `Too many keys (at most ${limits.maxKeys})` }
  const long = keys.find((key) => key.length > limits.maxKeyLength)
  if (long !== undefined) return { problem: `Key too long (at most ${limits.maxKeyLength} characters)` }
  const forbidden = keys.find((key) => limits.forbiddenKeys.includes(key))
  if (forbidden !== undefined) return { problem: `Key "${forbidden}" is not allowed` }
  return { children: keys.map((key) => [key, value[key]] as [string, unknown]) }
}

const notJson = (kind: string): Visit => ({ problem: `Expected plain JSON, received a ${kind}` })

/** How each JavaScript type is checked: a new `typeof` result does not compile until handled. */
const visitByType: Record<
  'string' | 'number' | 'bigint' | 'boolean' | 'symbol' | 'undefined' | 'object' | 'function',
  (value: never, limits: Limits) => Visit
> = {
  string: (value: string, limits) =>
    value.length > limits.maxStringLength
      ? { problem: `Too long (at most ${limits.maxStringLength} characters)` }
      : undefined,
  number: (value: number) => (Number.isFinite(value) ? undefined : { problem: 'Expected a finite number' }),
  boolean: () => undefined,
  // Optional fields may be present as undefined (superjson keeps them); the schemas decide the rest.
  undefined: () => undefined,
  bigint: () => notJson('BigInt'),
  symbol: () => notJson('symbol'),
  function: () => notJson('function'),
  object: visitObject,
}

/**
 * The first problem that makes `input` more than plain, bounded JSON (see `inputLimits`), or
 * undefined. Walks breadth-first without recursion and counts values as it queues them, so its
 * time and memory are bounded by the limits whatever arrives.
 */
export function findInputProblem(input: unknown, limits: Limits = inputLimits): InputProblem | undefined {
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input)))
    return { message: 'Expected a JSON object', path: [] }
  const queue: { value: unknown; path: Path; depth: number }[] = [{ value: input, path: [], depth: 1 }]
  for (let index = 0; index < queue.length; index++) {
    const { value, path, depth } = queue[index] as (typeof queue)[number]
    const visit = visitByType[typeof value](value as never, limits)
    if (!visit) continue
    if ('problem' in visit) return { message: visit.problem, path }
    // `depth` counts objects and arrays only: the input is 1, an object inside it 2, and so on.
    if (depth > limits.maxDepth)
      return { message: `Nested too deep (at most ${limits.maxDepth} levels)`, path }
    if (queue.length + visit.children.length > limits.maxValues)
      return { message: `Too many values (at most ${limits.maxValues})`, path: [] }
    for (const [key, child] of visit.children)
      queue.push({ value: child, path: [...path, key], depth: depth + 1 })
  }
  return undefined
}
