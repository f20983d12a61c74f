import 'server-only'
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { type Generated, Kysely, PGliteDialect } from 'kysely'
import { getConfig } from './config'

/** The app's own tables (Better Auth's are created by its migrations; see auth.ts). */
export interface AppTables {
  note: {
    id: Generated<number>
    user_id: string
    body: string
    created_at: Generated<Date>
  }
  activity: {
    id: Generated<number>
    event_id: string
    user_id: string
    text: string
    created_at: Generated<Date>
  }
}

const globalForDb = globalThis as typeof globalThis & { __appDb?: Kysely<AppTables> }

// Nothing here stores a Flowglad id or billing state: Flowglad is the source of truth.
async function openDatabase(): Promise<PGlite> {
  const { dataDir, databaseDir } = getConfig()
  mkdirSync(dataDir, { recursive: true })
  // PGlite is Postgres compiled to WASM: a real SQL database in a directory, nothing to compile.
  const pglite = await PGlite.create(databaseDir)
  await pglite.exec(`
    CREATE TABLE IF NOT EXISTS note (
      id SERIAL PRIMARY KEY,
      user_id TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS note_user ON note (user_id);
    CREATE TABLE IF NOT EXISTS activity (
      id SERIAL PRIMARY KEY,
      event_id TEXT NOT NULL UNIQUE,
      user_id TEXT NOT NULL,
      text TEXT NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS activity_user ON activity (user_id, created_at);
  `)
  return pglite
}

/**
 * The app's database: one PGlite (WASM Postgres) per process, opened on first query and kept
 * on globalThis. Better Auth shares this Kysely instance, so there is one connection.
 */
export function getDb(): Kysely<AppTables> {
  globalForDb.__appDb ??= new Kysely<AppTables>({ dialect: new PGliteDialect({ pglite: openDatabase }) })
  return globalForDb.__appDb
}

/** Closes the database (tests, and the e2e reading it after the server stopped). */
export async function closeDb(): Promise<void> {
  const db = globalForDb.__appDb
  globalForDb.__appDb = undefined
  await db?.destroy()
}
