import { strict as assert } from 'node:assert'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'

// Flowglad (and the emulator) prefix its ids: cus_, sub_, price_, inv_, ...
const flowgladId = /\b(cus|sub|si|price|prod|inv|pm|pur|cs|usage_meter|feature)_[A-Za-z0-9]/

/**
 * Flowglad's integration guide: the app keeps no Flowglad ids and no copy of billing state.
 * Reads every table of the app's database (after the server stopped) and checks exactly that.
 */
export async function checkNoBillingCopies(dataDir: string): Promise<string> {
  const db = await PGlite.create(join(dataDir, 'pglite'))
  try {
    const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name",
    )
    const tables = [...new Set(columns.map((column) => column.table_name))]
    assert.ok(tables.includes('user'), `expected Better Auth tables, found ${tables.join(', ')}`)
    assert.ok(tables.includes('note'), `expected the app's note table, found ${tables.join(', ')}`)
    for (const { table_name, column_name } of columns) {
      assert.doesNotMatch(
        column_name,
        /flowglad|subscription|plan|balance|customer/i,
        `${table_name}.${column_name}`,
      )
    }
    for (const table of tables) {
      const { rows } = await db.query<Record<string, unknown>>(`SELECT * FROM "${table}"`)
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === 'string')
            assert.doesNotMatch(value, flowgladId, `${table}.${column} holds a Flowglad id`)
        }
      }
    }
    return `the app's database (${tables.join(', ')}) holds no Flowglad ids or billing state`
  } finally {
    await db.close()
  }
}
