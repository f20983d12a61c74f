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

// What a tRPC app already ships, so neither library is charged for it: React, TanStack Query,
// tRPC's packages and zod (both libraries' peers).
const appPeers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', '@trpc/*', 'zod']

async function measure(
  entry: { path: string } | { name: string; contents: string },
  external: string[],
  alias: Record<string, string> = {},
): Promise<BundleSize> {
  const result = await build({
    ...('path' in entry
      ? { entryPoints: [entry.path] }
      : { stdin: { contents: entry.contents, loader: 'js', resolveDir: process.cwd() } }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external,
    alias,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  return {
    entry: 'path' in entry ? entry.path : entry.name,
    external,
    minifiedBytes: code.byteLength,
    gzippedBytes: gzipSync(code, { level: 9 }).byteLength,
  }
}

// An app's module that binds the hooks to one client: what that app's bundle pays for
// flowglad-trpc (tree-shaking keeps only what `createFlowgladHooks` reaches).
const classicApp = `import { createFlowgladHooks } from 'flowglad-trpc/react'
import { createTRPCReact } from '@trpc/react-query'
export const { useBilling, usePricing } = createFlowgladHooks(createTRPCReact())`
const tanstackApp = `import { createFlowgladHooks } from 'flowglad-trpc/react'
import { createTRPCContext } from '@trpc/tanstack-react-query'
export const { useBilling, usePricing } = createFlowgladHooks({ useTRPC: createTRPCContext().useTRPC })`

/** flowglad-trpc/react (built `dist/react/index.js`) against @flowglad/react's ESM entry. */
export async function measureBundleSizes(packageDir: string) {
  const require = createRequire(join(packageDir, 'package.json'))
  const ours = join(packageDir, 'dist/react/index.js')
  const alias = { 'flowglad-trpc/react': ours }
  const flowgladEntry = require.resolve('@flowglad/react').replace('/cjs/', '/esm/')
  return {
    // Next.js needs the directive as the built entry's first statement to treat it as a client module.
    useClientKept: readFileSync(ours, 'utf8').startsWith('"use client";'),
    flowgladTrpc: await measure({ path: ours }, appPeers),
    flowgladTrpcClassic: await measure(
      { name: 'app using the classic client', contents: classicApp },
      appPeers,
      alias,
    ),
    flowgladTrpcTanstack: await measure(
      { name: 'app using @trpc/tanstack-react-query', contents: tanstackApp },
      appPeers,
      alias,
    ),
    // Flowglad pins TanStack Query as a dependency: measured with the same peers external as ours
    // (the basis of the ratios), and with everything but React bundled, as it installs.
    flowgladReactWithoutTanstack: await measure({ path: flowgladEntry }, appPeers),
    flowgladReact: await measure({ path: flowgladEntry }, ['react', 'react-dom', 'react/jsx-runtime']),
  }
}
