import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

// A registered `Register` is global to a TypeScript program, so the registered app compiles on its
// own: every `@ts-expect-error` in it marks a typo that must be a compile error (an unused one
// fails the compile), and every other slug must compile.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const project = fileURLToPath(new URL('./typedSlugs/tsconfig.json', import.meta.url))

describe('typed slugs', () => {
  it('with a registered Register, a typo in any slug is a compile error and the real slugs compile', async () => {
    const result = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', project]).then(
      () => ({ code: 0, output: '' }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, output: error.stdout ?? '' }),
    )
    expect(result.output).toBe('')
    expect(result.code).toBe(0)
  }, 300_000)
})
