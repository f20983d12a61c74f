import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, paginate } from '../src/state/lists/paginate'

/** `paginate` against Flowglad's `createPaginatedSelectFunction` (db-core/tableUtils.ts) keyset rules. */

const record = (id: string, createdAt: number, extra: Record<string, unknown> = {}) => ({
  id,
  createdAt,
  updatedAt: createdAt,
  livemode: false,
  ...extra,
})
// Two share a millisecond: the id breaks the tie.
const records = [
  record('c', 2),
  record('a', 1),
  record('b', 2),
  record('d', 3, { kind: 'x' }),
  record('e', 4),
]

describe('paginate', () => {
  it('orders by (createdAt, id), pages with limit + 1 and counts every record', () => {
    const first = paginate(records, { limit: 2 })
    expect(first.data.map((r) => r.id)).toEqual(['a', 'b'])
    expect(first).toMatchObject({ hasMore: true, total: 5, currentCursor: null })
    const second = paginate(records, { limit: 2, cursor: first.nextCursor ?? '' })
    expect(second.data.map((r) => r.id)).toEqual(['c', 'd'])
    expect(second.currentCursor).toBe(first.nextCursor)
    const last = paginate(records, { limit: 2, cursor: second.nextCursor ?? '' })
    expect(last.data.map((r) => r.id)).toEqual(['e'])
    expect(last).toMatchObject({ hasMore: false, nextCursor: null })
  })

  it('defaults to 10 a page', () => {
    const many = Array.from({ length: 12 }, (_, i) => record(`r${String(i).padStart(2, '0')}`, i))
    expect(paginate(many, {}).data).toHaveLength(10)
  })

  it('walks backward from the anchor with a backward cursor', () => {
    const cursor = Buffer.from(
      JSON.stringify({ parameters: {}, createdAt: 3, id: 'd', direction: 'backward' }),
    ).toString('base64')
    const page = paginate(records, { limit: 2, cursor })
    expect(page.data.map((r) => r.id)).toEqual(['c', 'b'])
    expect(decodeCursor(page.nextCursor ?? '')).toMatchObject({
      id: 'b',
      createdAt: 2,
      direction: 'backward',
    })
  })

  it('a legacy cursor (no id) starts after its whole millisecond', () => {
    const cursor = Buffer.from(
      JSON.stringify({ parameters: {}, createdAt: 2, direction: 'forward' }),
    ).toString('base64')
    expect(paginate(records, { cursor }).data.map((r) => r.id)).toEqual(['d', 'e'])
  })

  it("filters by the cursor's parameters, in the page and in the total", () => {
    const cursor = encodeCursor({ parameters: { kind: 'x' }, createdAt: 0, id: '0', direction: 'forward' })
    expect(paginate(records, { cursor })).toMatchObject({ total: 1, data: [{ id: 'd' }] })
  })
})
