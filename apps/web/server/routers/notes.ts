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

/** The app's own data, stored in its SQLite database next to (not inside) billing. */
export const notesRouter = router({
  list: protectedProcedure.query(({ ctx }): Note[] =>
    getDb()
      .prepare<[string], Note>('SELECT id, body, createdAt FROM note WHERE userId = ? ORDER BY id DESC')
      .all(ctx.session.user.id),
  ),
  add: protectedProcedure
    .input(z.object({ body: z.string().trim().min(1, 'Write something first').max(500) }))
    .mutation(({ ctx, input }): Note => {
      const note = getDb()
        .prepare<[string, string], Note>(
          'INSERT INTO note (userId, body) VALUES (?, ?) RETURNING id, body, createdAt',
        )
        .get(ctx.session.user.id, input.body)
      return note!
    }),
  remove: protectedProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => {
      getDb().prepare('DELETE FROM note WHERE id = ? AND userId = ?').run(input.id, ctx.session.user.id)
    }),
})
