import { fileURLToPath } from 'node:url'
import { defineProject, type Plugin } from 'vitest/config'

// The library's peer range starts at zod 3.25 (T3's default), whose root export is zod 3: the library
// must only use `zod/v4`. This project reruns the router and input tests with every `zod` import made
// by the library and its tests resolved to zod 3.25 (the `zod3` alias), so a zod-4-only API fails CI.
// The emulator keeps its own zod 4 dependency, as it would when installed.
const ownRoot = fileURLToPath(new URL('.', import.meta.url))
const zod3: Plugin = {
  name: 'flowglad-trpc:zod3',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    const match = /^zod(\/.*)?$/.exec(source)
    if (!match || !importer?.startsWith(ownRoot) || importer.includes('/node_modules/')) return null
    return this.resolve(`zod3${match[1] ?? ''}`, importer, { ...options, skipSelf: true })
  },
}

export default defineProject({
  plugins: [zod3],
  test: {
    name: 'flowglad-trpc (zod 3.25)',
    env: { EXPECT_ZOD_MAJOR: '3' },
    include: [
      'test/server/inputs.test.ts',
      'test/server/procedures.test.ts',
      'test/server/http.test.ts',
      'test/server/zodVersion.test.ts',
      'test/server/redirects.test.ts',
      'test/server/crossSiteForms.test.ts',
      'test/server/hostileInput.test.ts',
      'test/core/findInputProblem.test.ts',
    ],
  },
})
