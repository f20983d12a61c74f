#!/usr/bin/env node
// Committed (not built) so `pnpm install` can link the bin before the package is built; the CLI
// itself is dist/cli.js. Without a build, say how to get one instead of printing a stack trace.
const cli = new URL('../dist/cli.js', import.meta.url)
try {
  await import(cli.href)
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(cli.pathname)) throw error
  console.error(`flowglad-emulator is not built (${cli.pathname} is missing): run \`pnpm build\` first.`)
  process.exit(1)
}
