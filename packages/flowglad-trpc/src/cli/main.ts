// The command line's logic, apart from the bin entry so tests can run it in-process.
import { parseArgs } from 'node:util'
import { type CodegenResult, codegen } from './codegen'

const usage = 'Usage: flowglad-trpc codegen --pricing <pricing.yaml> --out <file.ts> [--check]'

/** What each result prints, and whether it fails the command. */
const reportByResult: Record<CodegenResult, { message: (out: string) => string; exitCode: number }> = {
  written: { message: (out) => `flowglad-trpc: wrote ${out}`, exitCode: 0 },
  unchanged: { message: (out) => `flowglad-trpc: ${out} is up to date`, exitCode: 0 },
  'up-to-date': { message: (out) => `flowglad-trpc: ${out} is up to date`, exitCode: 0 },
  'out-of-date': {
    message: (out) =>
      `flowglad-trpc: ${out} is out of date with the pricing file: run codegen without --check`,
    exitCode: 1,
  },
}

/** Runs the command line; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command !== 'codegen') {
    console.error(usage)
    return 2
  }
  let values: { pricing?: string | undefined; out?: string | undefined; check?: boolean | undefined }
  try {
    ;({ values } = parseArgs({
      args: [...rest],
      options: { pricing: { type: 'string' }, out: { type: 'string' }, check: { type: 'boolean' } },
    }))
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`)
    return 2
  }
  if (!values.pricing || !values.out) {
    console.error(usage)
    return 2
  }
  try {
    const result = await codegen({ pricing: values.pricing, out: values.out, check: values.check ?? false })
    const report = reportByResult[result]
    ;(report.exitCode === 0 ? console.log : console.error)(report.message(values.out))
    return report.exitCode
  } catch (error) {
    console.error(`flowglad-trpc: ${(error as Error).message}`)
    return 1
  }
}
