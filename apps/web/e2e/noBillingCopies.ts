import { strict as assert } from 'node:assert'
import { join } from 'node:path'
import Database from 'better-sqlite3'

// Flowglad (and the emulator) prefix its ids: cus_, sub_, price_, inv_, ...
const flowgladId = /\b(cus|sub|si|price|prod|inv|pm|pur|cs|usage_meter|feature)_[A-Za-z0-9]/

/**
 * Flowglad's integration guide: the app keeps no Flowglad ids and no copy of billing state.
 * Reads every table of the app's database after the journey and checks exactly that.
 */
export function checkNoBillingCopies(dataDir: string): string {
  const db = new Database(join(dataDir, 'app.db'), { readonly: true })
  try {
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all()
      .map((table) => table.name)
    assert.ok(tables.includes('user'), `expected Better Auth tables, found ${tables.join(', ')}`)
    for (const table of tables) {
      const columns = db.prepare<[], { name: string }>(`PRAGMA table_info("${table}")`).all()
      for (const column of columns) {
        assert.doesNotMatch(
          column.name,
          /flowglad|subscription|plan|balance|customer/i,
          `${table}.${column.name}`,
        )
      }
      for (const row of db.prepare<[], Record<string, unknown>>(`SELECT * FROM "${table}"`).all()) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === 'string')
            assert.doesNotMatch(value, flowgladId, `${table}.${column} holds a Flowglad id`)
        }
      }
    }
    return `the app's database (${tables.join(', ')}) holds no Flowglad ids or billing state`
  } finally {
    db.close()
  }
}
