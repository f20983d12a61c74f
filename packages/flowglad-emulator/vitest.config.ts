import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'flowglad-emulator',
    environment: 'node',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Spec validation and HTTP round trips take seconds on a loaded 2-core CI machine, not 5.
    testTimeout: 30_000,
  },
})
