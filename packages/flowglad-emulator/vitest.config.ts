import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'flowglad-emulator',
    environment: 'node',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
  },
})
