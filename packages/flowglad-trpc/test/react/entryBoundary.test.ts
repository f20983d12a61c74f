import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

// The React entry ships to browsers: it must never pull in server code, the zod input schemas or
// the Flowglad API client (which would carry server-only code and weight into client bundles).
const packageDir = fileURLToPath(new URL('../..', import.meta.url))
const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', '@trpc/*']

async function bundledInputs(entry: string): Promise<{ files: string[]; imports: string[] }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    external: peers,
    logLevel: 'silent',
    absWorkingDir: packageDir, // metafile paths come out relative to the package
  })
  const files = Object.keys(result.metafile.inputs)
  const imports = Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.map((imported) => imported.path),
  )
  return { files, imports }
}

describe('the react entry, bundled for the browser', () => {
  it('contains no server code, no zod and no @flowglad/node', async () => {
    const { files } = await bundledInputs('src/react/index.ts')
    expect(files.some((file) => file.startsWith('src/react/'))).toBe(true)
    expect(files.filter((file) => file.includes('/server/'))).toEqual([])
    expect(files.filter((file) => file.includes('node_modules/zod'))).toEqual([])
    expect(files.filter((file) => file.includes('@flowglad/node'))).toEqual([])
    expect(files.filter((file) => file.endsWith('core/inputs.ts'))).toEqual([])
  })

  it('imports nothing at runtime but its peers', async () => {
    const { imports } = await bundledInputs('src/react/index.ts')
    const allowed = (path: string) =>
      peers.some((peer) => (peer.endsWith('/*') ? path.startsWith(peer.slice(0, -1)) : path === peer))
    expect(imports.filter((path) => !allowed(path))).toEqual([])
  })
})
