import type { z } from 'zod/v4'

/**
 * A handler's input parsed by its schema: synchronously when the schema allows (every built-in
 * one does), else asynchronously. Both give the same result; the synchronous parse skips the
 * promise chain zod's async parse builds for every field.
 */
export async function parseInput(schema: z.ZodType, raw: unknown): Promise<z.ZodSafeParseResult<unknown>> {
  try {
    return schema.safeParse(raw)
  } catch {
    // An asynchronous refinement or transform (zod refuses it in a synchronous parse).
    return schema.safeParseAsync(raw)
  }
}
