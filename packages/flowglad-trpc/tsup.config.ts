import { defineConfig } from 'tsup'

// One build per entry so each subpath is self-contained; 'use client' is kept on the react entry.
export default defineConfig({
  entry: {
    'core/index': 'src/core/index.ts',
    'server/index': 'src/server/index.ts',
    'react/index': 'src/react/index.ts',
    'rsc/index': 'src/rsc/index.ts',
    'webhooks/index': 'src/webhooks/index.ts',
    // The `flowglad-trpc` command (codegen); esbuild keeps its shebang.
    'cli/index': 'src/cli/index.ts',
  },
  format: ['esm', 'cjs'],
  // Declarations for the library entries only; tsup puts what they share (e.g. `Register`) in one
  // chunk, so an app's `declare module 'flowglad-trpc'` reaches every entry (test/types checks it).
  // They are emitted against zod 3.25 (the `zod3` alias, as in tsconfig.zod3.json): there the root
  // `zod` is zod 3, so every inferred schema type is printed from `zod/v4`, which both zod 3.25 and
  // zod 4 provide. Emitted against zod 4, they would name the root `zod` and resolve to zod 3's
  // classes in a zod 3.25 app, turning every procedure's input and output into `never`.
  dts: {
    entry: {
      'core/index': 'src/core/index.ts',
      'server/index': 'src/server/index.ts',
      'react/index': 'src/react/index.ts',
      'rsc/index': 'src/rsc/index.ts',
      'webhooks/index': 'src/webhooks/index.ts',
    },
    compilerOptions: {
      paths: { zod: ['./node_modules/zod3/index.d.cts'], 'zod/*': ['./node_modules/zod3/*'] },
    },
  },
  clean: true,
  target: 'es2022',
  sourcemap: true,
  splitting: false,
  external: [/^@trpc\//, /^@tanstack\//, 'react', 'react-dom', 'zod', 'flowglad-emulator', '@flowglad/node'],
})
