import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll } from 'vitest'

// A fresh data dir (PGlite database, auth secret, emulator state) and an ephemeral emulator port per test
// file, so tests never touch apps/web/.data or a running dev server.
const dataDir = mkdtempSync(join(tmpdir(), 'web-test-'))
process.env.APP_DATA_DIR = dataDir
process.env.FLOWGLAD_EMULATOR_PORT = '0'
process.env.FLOWGLAD_PRICING_FILE = fileURLToPath(new URL('../../pricing.yaml', import.meta.url))
process.env.FLOWGLAD_SECRET_KEY = ''
process.env.FLOWGLAD_BASE_URL = ''
process.env.BETTER_AUTH_URL = 'http://localhost:3000'

afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
