import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/** Minified and gzipped bytes of one entry bundled with its peers external. */
export interface BundleSize {
  entry: string
  external: string[]
  minifiedBytes: number
  gzippedBytes: number
}

async function measure(entry: string, external: string[]): Promise<BundleSize> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  return {
    entry,
    external,
    minifiedBytes: code.byteLength,
    gzippedBytes: gzipSync(code, { level: 9 }).byteLength,
  }
}

/** flowglad-trpc/react (built `dist/react/index.js`) against @flowglad/react's ESM entry. */
export async function measureBundleSizes(packageDir: string) {
  const require = createRequire(join(packageDir, 'package.json'))
  const ours = join(packageDir, 'dist/react/index.js')
  const flowgladEntry = require.resolve('@flowglad/react').replace('/cjs/', '/esm/')
  // Peers are what the app already ships: React, TanStack Query and tRPC's client packages.
  const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', '@trpc/*']
  return {
    // Next.js needs the directive as the built entry's first statement to treat it as a client module.
    useClientKept: readFileSync(ours, 'utf8').startsWith('"use client";'),
    flowgladTrpc: await measure(ours, peers),
    // Flowglad pins TanStack Query as a dependency; measured both with it bundled (its only
    // peer is React) and with it external (as if the app already had the same version).
    flowgladReact: await measure(flowgladEntry, ['react', 'react-dom', 'react/jsx-runtime']),
    flowgladReactWithoutTanstack: await measure(flowgladEntry, peers),
  }
}
