import type { FlowgladLogger } from '../types'

/** Options forwarded to `flowglad-emulator`'s `createEmulator` (pricing file, data file, port ...). */
export interface DevEmulatorOptions {
  /** A pricing YAML path or object; defaults to the emulator's built-in model. */
  readonly pricing?: unknown
  /** Persist emulator state to this JSON file across restarts (flushed on SIGINT/SIGTERM too). */
  readonly dataFile?: string
  /** Port for the emulator's HTTP server (hosted checkout and portal pages); 0 (default) picks a free one. */
  readonly port?: number
  /** Serve over HTTP (needed for the hosted checkout pages); `false` keeps it in-process only. */
  readonly listen?: boolean
}

/** How to reach a Flowglad API: what `@flowglad/node` needs. */
export interface FlowgladConnection {
  readonly apiKey: string
  readonly baseURL?: string | undefined
  readonly fetch?: ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) | undefined
}

/** The slice of a running `flowglad-emulator` this library uses. */
interface RunningEmulator {
  readonly url: string
  readonly apiKey: string
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>
  close(): Promise<void>
}

/** The slice of `flowglad-emulator` this library uses; typed locally because it is an optional peer. */
interface EmulatorModule {
  createEmulator(options: DevEmulatorOptions): Promise<RunningEmulator>
}

/** The process-wide emulators, by options. */
interface EmulatorRegistry {
  readonly byOptions: Map<string, Promise<RunningEmulator>>
  shutdownHooked: boolean
}

// On globalThis under a registered symbol, not in module scope: Next.js loads a copy of this module
// per bundle (route handlers, server components, actions, instrumentation), and every copy must
// reach the same emulator, or each would hold its own split state (and fight over the data file).
const REGISTRY = Symbol.for('flowglad-trpc.devEmulators')

function registry(): EmulatorRegistry {
  const scope = globalThis as { [REGISTRY]?: EmulatorRegistry }
  scope[REGISTRY] ??= { byOptions: new Map(), shutdownHooked: false }
  return scope[REGISTRY]
}

async function loadEmulatorModule(): Promise<EmulatorModule> {
  try {
    // Ignored by bundlers: the optional peer is loaded by Node at runtime, only when actually needed.
    return (await import(
      /* webpackIgnore: true */ /* turbopackIgnore: true */ 'flowglad-emulator'
    )) as EmulatorModule
  } catch (error) {
    throw new Error(
      'No Flowglad API key is set and the optional peer `flowglad-emulator` is not installed: ' +
        'set FLOWGLAD_SECRET_KEY, or install flowglad-emulator to run against the local emulator.',
      { cause: error },
    )
  }
}

/** The message of the deepest `cause` (the error itself when it has none). */
const rootCauseMessage = (error: unknown): string => {
  let current = error
  while (current instanceof Error && current.cause instanceof Error) current = current.cause
  return current instanceof Error ? current.message : String(current)
}

const errorCode = (error: unknown): unknown => (error as { code?: unknown } | null)?.code

async function startEmulator(options: DevEmulatorOptions, logger: FlowgladLogger): Promise<RunningEmulator> {
  const { createEmulator } = await loadEmulatorModule()
  let emulator: RunningEmulator
  try {
    emulator = await createEmulator(options)
  } catch (error) {
    const hint = errorCode(error) === 'EADDRINUSE' ? ` Port ${options.port} is in use.` : ''
    // The root cause goes in the message itself: callers often print only the top-level message.
    throw new Error(`Could not start the Flowglad emulator: ${rootCauseMessage(error)}${hint}`, {
      cause: error,
    })
  }
  const state = options.dataFile ? ` (state: ${options.dataFile})` : ''
  logger.info(
    `[flowglad-trpc] No Flowglad API key set: using the Flowglad emulator at ${emulator.url}${state}`,
  )
  return emulator
}

/**
 * Closes every emulator (flushing debounced writes to its data file) when the process is asked to
 * stop. Other handlers (Next.js has its own) still run and exit as they do; when there are none,
 * the signal is raised again once flushed, so it keeps its default meaning (and exit status).
 */
function closeOnShutdown(emulators: EmulatorRegistry): void {
  if (emulators.shutdownHooked) return
  emulators.shutdownHooked = true
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Prepended, so it runs before any other handler, while `once` handlers are still counted.
    process.prependOnceListener(signal, () => {
      const othersHandleIt = process.listenerCount(signal) > 0
      const closing = [...emulators.byOptions.values()].map(async (emulator) => (await emulator).close())
      void Promise.allSettled(closing).then(() => {
        if (!othersHandleIt) process.kill(process.pid, signal)
      })
    })
  }
}

/**
 * The process-wide emulator for these options, started (and logged) on first use: the same
 * pricing, data file and port give the same emulator, whichever copy of this library asks.
 * `flowglad-emulator` is imported dynamically so it stays an optional peer production bundles never load.
 */
export async function startDevEmulator(
  options: DevEmulatorOptions | undefined,
  logger: FlowgladLogger,
): Promise<FlowgladConnection> {
  // Defaults applied before keying, so `{}` and `{ port: 0 }` name the same emulator.
  const resolved: DevEmulatorOptions = {
    ...options,
    listen: options?.listen ?? true,
    port: options?.port ?? 0,
  }
  const key = JSON.stringify([resolved.pricing, resolved.dataFile, resolved.port, resolved.listen])
  const emulators = registry()
  let started = emulators.byOptions.get(key)
  if (!started) {
    started = startEmulator(resolved, logger).catch((error: unknown) => {
      emulators.byOptions.delete(key) // a later call may retry, e.g. once the port is free
      throw error
    })
    emulators.byOptions.set(key, started)
    closeOnShutdown(emulators)
  }
  const emulator = await started
  return { apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch }
}
