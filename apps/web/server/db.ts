import 'server-only'
import { mkdirSync } from 'node:fs'
import Database from 'better-sqlite3'
import { getConfig } from './config'

const globalForDb = globalThis as typeof globalThis & { __appDb?: Database.Database }

// The app's own tables. Better Auth creates its tables through its migration API
// (see auth.ts); note that nothing here stores a Flowglad id or billing state.
const appSchema = `
  CREATE TABLE IF NOT EXISTS note (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    userId TEXT NOT NULL,
    body TEXT NOT NULL,
    createdAt TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE INDEX IF NOT EXISTS note_user ON note (userId);
`

/** The app's SQLite database (one connection per process, kept on globalThis). */
export function getDb(): Database.Database {
  if (!globalForDb.__appDb) {
    const { dataDir, databaseFile } = getConfig()
    mkdirSync(dataDir, { recursive: true })
    const db = new Database(databaseFile)
    db.pragma('journal_mode = WAL')
    db.exec(appSchema)
    globalForDb.__appDb = db
  }
  return globalForDb.__appDb
}
