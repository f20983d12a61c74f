import 'server-only'
import { getDb } from './db'

// The dashboard's activity feed: one line per billing event the webhook route handled, written
// once per delivery (the receiver runs each delivery's handler once).
const schema = `
  CREATE TABLE IF NOT EXISTS activity (
    eventId TEXT PRIMARY KEY,
    userId TEXT NOT NULL,
    text TEXT NOT NULL,
    createdAt TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE INDEX IF NOT EXISTS activity_user ON activity (userId, createdAt);
`
let ready = false

function db() {
  const database = getDb()
  if (!ready) {
    database.exec(schema)
    ready = true
  }
  return database
}

/** Records one line for the user; a second write of the same event changes nothing. */
export function recordActivity(eventId: string, userId: string, text: string): void {
  db()
    .prepare('INSERT OR IGNORE INTO activity (eventId, userId, text) VALUES (?, ?, ?)')
    .run(eventId, userId, text)
}

/** The user's latest lines, newest first. */
export function listActivity(
  userId: string,
  limit = 10,
): { eventId: string; text: string; createdAt: string }[] {
  return db()
    .prepare(
      'SELECT eventId, text, createdAt FROM activity WHERE userId = ? ORDER BY createdAt DESC, rowid DESC LIMIT ?',
    )
    .all(userId, limit) as { eventId: string; text: string; createdAt: string }[]
}
