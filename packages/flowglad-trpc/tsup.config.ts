import { defineConfig } from 'tsup'

// One build per entry so each subpath is self-contained; 'use client' is kept on the react entry.
export default defineConfig({
  entry: {
    'core/index': 'src/core/index.ts',
    'server/index': 'src/server/index.ts',
    'react/index': 'src/react/index.ts',
    'rsc/index': 'src/rsc/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
  splitting: false,
  external: [/^@trpc\//, /^@tanstack\//, 'react', 'react-dom', 'zod', 'flowglad-emulator', '@flowglad/node'],
})
