import 'server-only'
import { sql } from 'kysely'
import { getDb } from './db'

// The dashboard's activity feed: one line per billing event the webhook route handled, written
// once per delivery (the receiver runs each delivery's handler once; the primary key makes a
// second write of the same event a no-op anyway).

/** Records one line for the user; a second write of the same event changes nothing. */
export async function recordActivity(eventId: string, userId: string, text: string): Promise<void> {
  await getDb()
    .insertInto('activity')
    .values({ event_id: eventId, user_id: userId, text })
    .onConflict((conflict) => conflict.column('event_id').doNothing())
    .execute()
}

/** The user's latest lines, newest first. */
export async function listActivity(
  userId: string,
  limit = 10,
): Promise<{ eventId: string; text: string; createdAt: Date }[]> {
  return getDb()
    .selectFrom('activity')
    .select(['event_id as eventId', 'text', 'created_at as createdAt'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy(sql`id`, 'desc')
    .limit(limit)
    .execute()
}
