import 'server-only'
import type { Emulator } from 'flowglad-emulator'
import { createFlowglad } from 'flowglad-trpc/server'
import { ConfigError, type EmulatorMode, type FlowgladMode, getConfig } from './config'

/** The app's Flowglad client: the real API with FLOWGLAD_SECRET_KEY, else the local emulator. */
export type AppFlowglad = ReturnType<typeof createFlowglad>

// ONE emulator per process, on globalThis. Why in-process rather than a child process:
// `npm start` stays one process with nothing to supervise, and the emulator's state file has
// exactly one writer. Next.js evaluates server modules once per bundle (route handlers, server
// components, server actions, instrumentation) inside the same Node process, so module scope
// alone would give each bundle its own emulator and its own state; globalThis is shared by all.
// The emulator module itself is loaded by Node (not bundled) for the same reason. It listens on
// a real port because the browser opens its hosted checkout and billing portal pages.
const globalForEmulator = globalThis as typeof globalThis & { __appEmulator?: Promise<Emulator> }

// The emulator accepts the key it was started with; this one never leaves the machine.
const EMULATOR_API_KEY = 'sk_test_local_emulator'

// The emulator debounces writes to its state file; flush them when the server is stopped so a
// restart right after a change keeps it. Next.js has its own (async) handlers for these
// signals; if nothing else listens, exit ourselves so the signal keeps its meaning.
function flushOnShutdown(emulator: Emulator): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void emulator.close().finally(() => {
        if (process.listenerCount(signal) === 0) process.exit(0)
      })
    })
  }
}

async function startEmulator({ port, pricingFile, dataFile }: EmulatorMode): Promise<Emulator> {
  const { createEmulator } = (await import(
    /* turbopackIgnore: true */ /* webpackIgnore: true */ 'flowglad-emulator'
  )) as typeof import('flowglad-emulator')
  try {
    const emulator = await createEmulator({
      pricing: pricingFile,
      apiKey: EMULATOR_API_KEY,
      dataFile,
      port,
      host: '127.0.0.1',
    })
    console.info(`[flowglad] emulator listening on ${emulator.url} (state: ${dataFile})`)
    flushOnShutdown(emulator)
    return emulator
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    const hint = code === 'EADDRINUSE' ? ` Port ${port} is in use: set FLOWGLAD_EMULATOR_PORT.` : ''
    throw new Error(`Could not start the Flowglad emulator.${hint}`, { cause: error })
  }
}

/** The process-wide emulator, started on first use. */
function getEmulator(mode: EmulatorMode): Promise<Emulator> {
  globalForEmulator.__appEmulator ??= startEmulator(mode).catch((error: unknown) => {
    globalForEmulator.__appEmulator = undefined // retry on the next call, e.g. once the port is free
    throw error
  })
  return globalForEmulator.__appEmulator
}

// A broken configuration must not crash module loading (that would be a bare 500 on every page):
// the layout shows the problem, and any Flowglad call fails with the same message.
function createUnconfiguredFlowglad(problem: ConfigError): AppFlowglad {
  return createFlowglad({
    apiKey: 'sk_unconfigured', // placeholder: no request ever leaves the process
    baseURL: 'http://flowglad.invalid',
    fetch: () => Promise.reject(problem),
    maxRetries: 0,
  })
}

function createAppFlowglad(): AppFlowglad {
  let mode: FlowgladMode
  try {
    mode = getConfig().flowglad
  } catch (error) {
    if (error instanceof ConfigError) return createUnconfiguredFlowglad(error)
    throw error
  }
  if (mode.kind === 'flowglad') return createFlowglad({ apiKey: mode.apiKey, baseURL: mode.baseURL })
  return createFlowglad({
    apiKey: EMULATOR_API_KEY,
    baseURL: `http://127.0.0.1:${mode.port}`,
    // Built synchronously; the emulator starts on the first upstream call. Server calls use its
    // in-process fetch (same state and request log as HTTP, no socket).
    fetch: async (input, init) => (await getEmulator(mode)).fetch(input, init),
  })
}

// The client itself is per bundle on purpose: it holds only caches, and `createFlowgladRouter`
// recognises the object its own copy of the library created. The state lives in the emulator.
let flowglad: AppFlowglad | undefined

/** This bundle's Flowglad client; every bundle's client talks to the one emulator (or the API). */
export function getFlowglad(): AppFlowglad {
  flowglad ??= createAppFlowglad()
  return flowglad
}

/** Starts the local emulator now (no-op against the real API); returns its URL if any. */
export async function startFlowglad(): Promise<string | null> {
  const { flowglad: mode } = getConfig()
  return mode.kind === 'emulator' ? (await getEmulator(mode)).url : null
}
