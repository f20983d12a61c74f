// The command line's logic, apart from the bin entry so tests can run it in-process.
import { parseArgs } from 'node:util'
import { type CodegenResult, codegen } from './codegen'

const usage = 'Usage: flowglad-trpc codegen --pricing <pricing.yaml> --out <file.ts> [--check]'

/** `--help`: the command, its options and what each exit code means. */
export const help = `flowglad-trpc: typed slugs for flowglad-trpc from a Flowglad pricing file

${usage}

  --pricing FILE   the pricing setup file (Flowglad's YAML or JSON), read with flowglad-emulator's parser
  --out FILE       the TypeScript module to write (literal slug unions and the Register augmentation)
  --check          write nothing; fail if FILE is not what codegen would write (for CI)
  -h, --help       show this help

Exit codes:
  0  written, already up to date, or --help
  1  --check found the module out of date, or the pricing file is unreadable, invalid or has a slug
     with a control character (the message names the file and the slug)
  2  usage: unknown command or option, or --pricing / --out missing`

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
  if (
    command === '--help' ||
    command === '-h' ||
    command === 'help' ||
    rest.includes('--help') ||
    rest.includes('-h')
  ) {
    console.log(help)
    return 0
  }
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
