import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { expect, it } from 'vitest'

it('bundles the webhooks entry for a platform without Node built-ins (edge runtimes)', async () => {
  const entry = fileURLToPath(new URL('../../src/webhooks/index.ts', import.meta.url))
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
    // Metafile paths are relative to this: the package, whichever folder vitest runs from.
    absWorkingDir: fileURLToPath(new URL('../..', import.meta.url)),
  })
  const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path))
  expect(imports.filter((path) => path.startsWith('node:') || !path.startsWith('src/'))).toEqual([])
  expect(Object.keys(result.metafile.inputs).length).toBeGreaterThan(3)
})
