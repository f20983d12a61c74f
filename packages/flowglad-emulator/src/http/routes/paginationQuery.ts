import { z } from 'zod'
import { restErrorBody } from '../errorResponse'
import { jsonResponse } from '../jsonResponse'

/**
 * route.ts's pagination check on every GET (`paginationParamsSchema`, src/utils/pagination.ts):
 * `limit` an integer 1–100, `cursor` non-empty.
 */
const paginationParamsSchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().min(1).optional(),
})

/** `parseAndValidateCursor`: base64 JSON with a non-empty `id`. */
const cursorPayloadSchema = z.object({
  parameters: z.record(z.string(), z.unknown()).optional(),
  createdAt: z.number().optional(),
  id: z.string().min(1),
  direction: z.enum(['forward', 'backward']).optional(),
})

/** `parseAndValidateLegacyCursor`: an older cursor without `id`, still accepted. */
const legacyCursorPayloadSchema = z
  .object({
    parameters: z.record(z.string(), z.unknown()).optional(),
    createdAt: z.number(),
    direction: z.enum(['forward', 'backward']),
  })
  .strict()

function cursorIsValid(cursor: string): boolean {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString())
    return (
      cursorPayloadSchema.safeParse(decoded).success || legacyCursorPayloadSchema.safeParse(decoded).success
    )
  } catch {
    return false
  }
}

/** Validated pagination params. */
export interface PaginationParams {
  limit?: number | undefined
  cursor?: string | undefined
}

/**
 * The request's pagination params, or the 400 route.ts answers for bad ones: `respond.error(message)`
 * with no `code`, where the message is zod's (the issue list as indented JSON) or `Invalid cursor`.
 */
export function readPagination(query: unknown): PaginationParams | Response {
  const parsed = paginationParamsSchema.safeParse(query)
  if (!parsed.success) return jsonResponse(restErrorBody(parsed.error.message), 400)
  if (parsed.data.cursor !== undefined && !cursorIsValid(parsed.data.cursor))
    return jsonResponse(restErrorBody('Invalid cursor'), 400)
  return parsed.data
}
