import { defineProject } from 'vitest/config'

// Checks that need the running oracle (Flowglad's server, `oracle.sh`): `pnpm test:oracle-webhooks`.
export default defineProject({
  test: {
    name: 'flowglad-emulator-oracle',
    environment: 'node',
    include: ['test/oracle/**/*.oracle.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
