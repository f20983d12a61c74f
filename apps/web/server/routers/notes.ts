import 'server-only'
import { z } from 'zod'
import { getDb } from '../db'
import { protectedProcedure, router } from '../trpc'

/** A note as the client sees it. */
export interface Note {
  id: number
  body: string
  createdAt: string
}

const noteColumns = ['id', 'body', 'created_at'] as const

function toNote(row: { id: number; body: string; created_at: Date }): Note {
  return { id: row.id, body: row.body, createdAt: row.created_at.toISOString() }
}

/** The app's own data, stored in its database next to (not inside) billing. */
export const notesRouter = router({
  list: protectedProcedure.query(async ({ ctx }): Promise<Note[]> => {
    const rows = await getDb()
      .selectFrom('note')
      .select(noteColumns)
      .where('user_id', '=', ctx.session.user.id)
      .orderBy('id', 'desc')
      .execute()
    return rows.map(toNote)
  }),
  add: protectedProcedure
    .input(z.object({ body: z.string().trim().min(1, 'Write something first').max(500) }))
    .mutation(async ({ ctx, input }): Promise<Note> => {
      const row = await getDb()
        .insertInto('note')
        .values({ user_id: ctx.session.user.id, body: input.body })
        .returning(noteColumns)
        .executeTakeFirstOrThrow()
      return toNote(row)
    }),
  remove: protectedProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) => {
      await getDb()
        .deleteFrom('note')
        .where('id', '=', input.id)
        .where('user_id', '=', ctx.session.user.id)
        .execute()
    }),
})
