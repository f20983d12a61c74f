import { describe, expect, it } from 'vitest'
import { findInputProblem, inputLimits } from '../../src/core/findInputProblem'

/** An array nested `levels` deep (the outermost counts), built without recursion. */
function nestedArrays(levels: number): unknown[] {
  let value: unknown[] = []
  for (let i = 1; i < levels; i++) value = [value]
  return value
}

describe('findInputProblem', () => {
  it('accepts plain JSON objects, null-prototype objects and undefined', () => {
    expect(findInputProblem(undefined)).toBeUndefined()
    expect(findInputProblem({ a: [1, 'b', null, true, { c: undefined }] })).toBeUndefined()
    expect(findInputProblem(Object.assign(Object.create(null), { a: 1 }))).toBeUndefined()
  })

  it.each([
    ['FormData', new FormData(), 'Expected plain JSON, received FormData (send application/json)'],
    [
      'a stream',
      new ReadableStream(),
      'Expected plain JSON, received ReadableStream (send application/json)',
    ],
    ['an array', [], 'Expected a JSON object'],
    ['a string', 'x', 'Expected a JSON object'],
    ['null', null, 'Expected a JSON object'],
  ])('refuses %s as the input itself', (_name, input, message) => {
    expect(findInputProblem(input)).toEqual({ message, path: [] })
  })

  it.each([
    ['a BigInt', 1n, 'Expected plain JSON, received a BigInt'],
    ['a function', () => 1, 'Expected plain JSON, received a function'],
    ['a symbol', Symbol('s'), 'Expected plain JSON, received a symbol'],
    ['NaN', Number.NaN, 'Expected a finite number'],
    ['a Date', new Date(0), 'Expected plain JSON, received Date (send application/json)'],
    ['a Map', new Map(), 'Expected plain JSON, received Map (send application/json)'],
  ])('refuses %s anywhere, with its path', (_name, value, message) => {
    expect(findInputProblem({ a: { b: [0, value] } })).toEqual({ message, path: ['a', 'b', 1] })
  })

  it.each(inputLimits.forbiddenKeys)('refuses the key %s at any depth', (key) => {
    const input = JSON.parse(`{"a":[{${JSON.stringify(key)}:1}]}`)
    expect(findInputProblem(input)).toEqual({ message: `Key "${key}" is not allowed`, path: ['a', 0] })
  })

  it('counts depth in objects and arrays: maxDepth passes, one more fails', () => {
    expect(findInputProblem({ a: nestedArrays(inputLimits.maxDepth - 1) })).toBeUndefined()
    expect(findInputProblem({ a: nestedArrays(inputLimits.maxDepth) })?.message).toBe(
      `Nested too deep (at most ${inputLimits.maxDepth} levels)`,
    )
  })

  it('stops at the depth limit of a million-level input without overflowing the stack', () => {
    expect(findInputProblem({ a: nestedArrays(1_000_000) })?.message).toMatch(/Nested too deep/)
  })

  it.each([
    [
      'keys',
      { ...Object.fromEntries(Array.from({ length: inputLimits.maxKeys + 1 }, (_, i) => [`k${i}`, i])) },
    ],
    ['items', { a: Array.from({ length: inputLimits.maxItems + 1 }, () => 0) }],
    ['characters', { a: 's'.repeat(inputLimits.maxStringLength + 1) }],
    ['key characters', { ['k'.repeat(inputLimits.maxKeyLength + 1)]: 1 }],
  ])('refuses one past the limit of %s', (_name, over) => {
    expect(findInputProblem(over)).toBeDefined()
  })

  it('accepts exactly the limits of keys, items, characters', () => {
    const atLimit = {
      ...Object.fromEntries(Array.from({ length: inputLimits.maxKeys - 2 }, (_, i) => [`k${i}`, i])),
      items: Array.from({ length: inputLimits.maxItems }, () => 0),
      ['k'.repeat(inputLimits.maxKeyLength)]: 's'.repeat(inputLimits.maxStringLength),
    }
    expect(findInputProblem(atLimit)).toBeUndefined()
  })

  it('refuses more values than the budget, however they are spread', () => {
    const row = Array.from({ length: 100 }, () => 0)
    const wide = { a: Array.from({ length: Math.ceil(inputLimits.maxValues / 100) }, () => row) }
    expect(findInputProblem(wide)).toEqual({
      message: `Too many values (at most ${inputLimits.maxValues})`,
      path: [],
    })
  })

  it('terminates on a cyclic structure (superjson can rebuild shared references)', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(findInputProblem(cyclic)?.message).toMatch(/Nested too deep|Too many values/)
  })
})
