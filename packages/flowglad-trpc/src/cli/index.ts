#!/usr/bin/env node
// flowglad-trpc's command line (`--help` lists options and exit codes). One command for now:
//   flowglad-trpc codegen --pricing pricing.yaml --out src/flowglad.gen.ts [--check]
import { main } from './main'

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
