import type { NextConfig } from 'next'

/** Next.js config: WASM and stateful server packages stay out of the bundle. */
const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package directory; the emulator holds process-wide state and must be
  // loaded by Node itself rather than copied into each route's bundle.
  serverExternalPackages: ['@electric-sql/pglite', 'flowglad-emulator'],
  // `npm start` (scripts/start.sh) builds only to run the example; the type check is CI's
  // (`pnpm typecheck`), so it skips the build's own and saves ~40 s of a first start.
  typescript: { ignoreBuildErrors: process.env.APP_BUILD_SKIP_TYPECHECK === '1' },
  // Dev and e2e may reach the app as 127.0.0.1 as well as localhost.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  // Browsers still ask for /favicon.ico on pages they reach by redirect; answer with the app icon.
  rewrites: async () => [{ source: '/favicon.ico', destination: '/icon.svg' }],
}

export default nextConfig
