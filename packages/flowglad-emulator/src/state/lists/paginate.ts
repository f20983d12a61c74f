import type { RecordBase } from '../records'

/** A page of a list endpoint as Flowglad sends it (`createPaginatedListQuerySchema`, db-core/tableUtils.ts). */
export interface Page<T> {
  data: T[]
  /** The cursor this page was asked with; `null` on the wire when none was. */
  currentCursor: string | null
  /** The cursor of the next page, `null` on the last one. */
  nextCursor: string | null
  hasMore: boolean
  /** How many records match in all, whatever the page. */
  total: number
}

/** The decoded cursor: Flowglad's `encodeCursor` payload (db-core/tableUtils.ts). */
export interface CursorPayload {
  parameters: Record<string, unknown>
  createdAt: number | undefined
  id: string | undefined
  direction: 'forward' | 'backward'
}

/** Flowglad's page size when `limit` is left out (`createPaginatedSelectFunction`: `limit = 10`). */
export const DEFAULT_PAGE_SIZE = 10

/** `encodeCursor`: base64 of `{ parameters, createdAt, id, direction }`. */
export function encodeCursor(payload: {
  parameters: Record<string, unknown>
  createdAt: number
  id: string
  direction: CursorPayload['direction']
}): string {
  const { parameters, createdAt, id, direction } = payload
  return Buffer.from(JSON.stringify({ parameters, createdAt, id, direction })).toString('base64')
}

/** `decodeCursor`: the payload with Flowglad's defaults; the HTTP layer has already checked its shape. */
export function decodeCursor(cursor: string): CursorPayload {
  const decoded = JSON.parse(Buffer.from(cursor, 'base64').toString()) as Partial<CursorPayload>
  return {
    parameters: decoded.parameters ?? {},
    createdAt: decoded.createdAt || undefined,
    id: decoded.id,
    direction: decoded.direction ?? 'forward',
  }
}

const matches = (record: object, parameters: Record<string, unknown>) =>
  Object.entries(parameters).every(([key, value]) => (record as Record<string, unknown>)[key] === value)

const compareForward = (a: RecordBase, b: RecordBase) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Is `record` past the cursor's anchor in the cursor's direction (the keyset boundary)? */
function pastAnchor(record: RecordBase, anchor: CursorPayload): boolean {
  const { createdAt, id, direction } = anchor
  if (createdAt === undefined) return true
  const forward = direction === 'forward'
  // Legacy cursor without id: a createdAt-only boundary on whole milliseconds.
  if (id === undefined) return forward ? record.createdAt >= createdAt + 1 : record.createdAt < createdAt
  if (record.id === id) return false
  const sameMs = record.createdAt === createdAt
  return forward
    ? record.createdAt > createdAt || (sameMs && record.id > id)
    : record.createdAt < createdAt || (sameMs && record.id < id)
}

/**
 * One page of `records`, as `createPaginatedSelectFunction` (db-core/tableUtils.ts) reads it:
 * ordered by `(createdAt, id)` ascending (descending for a backward cursor), `limit + 1` fetched to
 * learn `hasMore`, the cursor's `parameters` as equality filters, `total` counting every match.
 */
export function paginate<T extends RecordBase>(
  records: readonly T[],
  { cursor, limit = DEFAULT_PAGE_SIZE }: { cursor?: string | undefined; limit?: number | undefined },
): Page<T> {
  const anchor: CursorPayload = cursor
    ? decodeCursor(cursor)
    : { parameters: {}, createdAt: undefined, id: undefined, direction: 'forward' }
  const filtered = records.filter((record) => matches(record, anchor.parameters))
  const ordered = [...filtered].sort(compareForward)
  if (anchor.direction === 'backward') ordered.reverse()
  const window = ordered.filter((record) => pastAnchor(record, anchor)).slice(0, limit + 1)
  const hasMore = window.length > limit
  const data = window.slice(0, limit)
  const last = data[data.length - 1]
  return {
    data,
    currentCursor: cursor ?? null,
    nextCursor: hasMore && last ? encodeCursor({ ...anchor, createdAt: last.createdAt, id: last.id }) : null,
    hasMore,
    total: filtered.length,
  }
}
