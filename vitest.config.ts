import { defineConfig } from 'vitest/config'

// One vitest run over every package: each package has its own vitest.config.ts.
export default defineConfig({
  test: {
    // The library's tests again on zod 3.25 (the low end of its peer range).
    projects: ['packages/*', 'apps/*', 'packages/flowglad-trpc/vitest.zod3.config.ts'],
  },
})
