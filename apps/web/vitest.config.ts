import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineProject({
  resolve: {
    alias: {
      '@': here('.'),
      // Next.js resolves `server-only` per bundle layer; under vitest these modules are server code.
      'server-only': here('test/support/serverOnly.ts'),
    },
  },
  test: {
    name: 'web',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // The first query creates the PGlite database (initdb, a few seconds on a busy 2-core machine).
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each file gets its own data dir and emulator (see test/support/appEnv.ts).
    setupFiles: ['test/support/appEnv.ts'],
  },
})
