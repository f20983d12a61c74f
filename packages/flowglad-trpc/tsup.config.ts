import { defineConfig } from 'tsup'

// One build per entry so each subpath is self-contained; 'use client' is kept on the react entry.
export default defineConfig({
  entry: {
    'core/index': 'src/core/index.ts',
    'server/index': 'src/server/index.ts',
    'react/index': 'src/react/index.ts',
    'rsc/index': 'src/rsc/index.ts',
    // The `flowglad-trpc` command (codegen); esbuild keeps its shebang.
    'cli/index': 'src/cli/index.ts',
  },
  format: ['esm', 'cjs'],
  // Declarations for the library entries only; tsup puts what they share (e.g. `Register`) in one
  // chunk, so an app's `declare module 'flowglad-trpc'` reaches every entry (test/types checks it).
  dts: {
    entry: {
      'core/index': 'src/core/index.ts',
      'server/index': 'src/server/index.ts',
      'react/index': 'src/react/index.ts',
      'rsc/index': 'src/rsc/index.ts',
    },
  },
  clean: true,
  target: 'es2022',
  sourcemap: true,
  splitting: false,
  external: [/^@trpc\//, /^@tanstack\//, 'react', 'react-dom', 'zod', 'flowglad-emulator', '@flowglad/node'],
})
