import type { FlowgladLogger } from './types'

/** Options forwarded to `flowglad-emulator`'s `createEmulator` (pricing file, data file, port ...). */
export interface DevEmulatorOptions {
  /** A pricing YAML path or object; defaults to the emulator's built-in model. */
  readonly pricing?: unknown
  /** Persist emulator state to this JSON file across restarts. */
  readonly dataFile?: string
  /** Port for the emulator's HTTP server (hosted checkout and portal pages); 0 picks a free one. */
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

/** The slice of `flowglad-emulator` this library uses; typed locally because it is an optional peer. */
interface EmulatorModule {
  createEmulator(options: DevEmulatorOptions): Promise<{
    url: string
    apiKey: string
    fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>
  }>
}

/**
 * Starts the in-process emulator for development without an API key. Imported dynamically so
 * `flowglad-emulator` stays an optional peer that production bundles never load.
 */
export async function startDevEmulator(
  options: DevEmulatorOptions | undefined,
  logger: FlowgladLogger,
): Promise<FlowgladConnection> {
  let emulatorModule: EmulatorModule
  try {
    // Ignored by bundlers: the optional peer is loaded by Node at runtime, only when actually needed.
    emulatorModule = (await import(
      /* webpackIgnore: true */ /* turbopackIgnore: true */ 'flowglad-emulator'
    )) as EmulatorModule
  } catch (error) {
    throw new Error(
      'No Flowglad API key is set and the optional peer `flowglad-emulator` is not installed: ' +
        'set FLOWGLAD_SECRET_KEY, or install flowglad-emulator to run against the local emulator.',
      { cause: error },
    )
  }
  const emulator = await emulatorModule.createEmulator({ listen: true, port: 0, ...options })
  logger.info(
    `[flowglad-trpc] No Flowglad API key set: using the in-process Flowglad emulator at ${emulator.url}`,
  )
  return { apiKey: emulator.apiKey, baseURL: emulator.url, fetch: emulator.fetch }
}
