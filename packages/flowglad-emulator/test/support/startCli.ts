import { type ChildProcess, spawn } from 'node:child_process'

const CLI = new URL('../../src/cli.ts', import.meta.url).pathname
/** `--import tsx` resolves from the cwd: run in the package, whatever directory vitest started in. */
const PACKAGE_DIR = new URL('../..', import.meta.url).pathname

/** A CLI emulator process started from source. */
export interface CliProcess {
  child: ChildProcess
  /** Everything it printed so far (stdout and stderr). */
  output(): string
  /** Resolves with the exit code (or the signal name) once it has exited. */
  exited: Promise<number | string>
}

/** Spawns `flowglad-emulator ARGS` from source, without waiting for it to listen. */
export function spawnCli(args: string[]): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: PACKAGE_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk
  })
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  )
  return { child, output: () => output, exited }
}

/** A CLI emulator that is listening. */
export interface RunningCli extends CliProcess {
  url: string
  key: string
}

/** Starts the CLI and resolves once it printed its URL and key. */
export function startCli(args: string[]): Promise<RunningCli> {
  const cli = spawnCli(args)
  return new Promise((resolve, reject) => {
    const check = () => {
      const url = /FLOWGLAD_BASE_URL=(\S+)/.exec(cli.output())?.[1]
      const key = /FLOWGLAD_SECRET_KEY=(\S+)/.exec(cli.output())?.[1]
      if (url && key) resolve({ ...cli, url, key })
    }
    cli.child.stdout?.on('data', check)
    void cli.exited.then((code) => reject(new Error(`CLI exited with ${code}: ${cli.output()}`)))
  })
}
