import 'server-only'
import { createEmulator } from 'flowglad-emulator'
import { createFlowglad } from 'flowglad-trpc/server'
import { getConfig } from './config'

/** The app's Flowglad client: the real API with FLOWGLAD_SECRET_KEY, else the local emulator. */
export type AppFlowglad = ReturnType<typeof createFlowglad>
type Emulator = Awaited<ReturnType<typeof createEmulator>>

interface FlowgladRuntime {
  flowglad: AppFlowglad
  /** Started on first use; null when talking to the real Flowglad API. */
  emulator: (() => Promise<Emulator>) | null
}

// Why an in-process singleton on globalThis rather than a child process: `npm start` stays one
// process with nothing to supervise, and the emulator's state file is owned by exactly one
// writer. Next.js evaluates server modules once per bundle layer (route handlers, server
// components, server actions) inside the same Node process, so module scope alone would give
// each layer its own emulator; globalThis is shared by all of them. It listens on a real port
// because its hosted checkout and billing portal pages are opened by the browser.
const globalForFlowglad = globalThis as typeof globalThis & { __appFlowglad?: FlowgladRuntime }

// The emulator accepts any key it was started with; this one never leaves the machine.
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

function startEmulatorOnce(port: number, pricingFile: string, dataFile: string): () => Promise<Emulator> {
  let started: Promise<Emulator> | undefined
  const start = (): Promise<Emulator> =>
    createEmulator({
      pricing: pricingFile,
      apiKey: EMULATOR_API_KEY,
      dataFile,
      port,
      host: '127.0.0.1',
    }).then(
      (emulator) => {
        console.info(`[flowglad] emulator listening on ${emulator.url} (state: ${dataFile})`)
        flushOnShutdown(emulator)
        return emulator
      },
      (error: unknown) => {
        started = undefined // let the next request retry, e.g. once the port is free again
        const code = (error as { code?: unknown } | null)?.code
        const hint = code === 'EADDRINUSE' ? ` Port ${port} is in use: set FLOWGLAD_EMULATOR_PORT.` : ''
        throw new Error(`Could not start the Flowglad emulator.${hint}`, { cause: error })
      },
    )
  return () => {
    if (!started) started = start()
    return started
  }
}

function createRuntime(): FlowgladRuntime {
  const { flowglad: mode } = getConfig()
  if (mode.kind === 'flowglad') {
    return { flowglad: createFlowglad({ apiKey: mode.apiKey, baseURL: mode.baseURL }), emulator: null }
  }
  const emulator = startEmulatorOnce(mode.port, mode.pricingFile, mode.dataFile)
  const flowglad = createFlowglad({
    apiKey: EMULATOR_API_KEY,
    baseURL: `http://127.0.0.1:${mode.port}`,
    // The client is built synchronously; the emulator starts on the first upstream call. Server
    // calls go through its in-process fetch (same state and request log, no socket); the port
    // is for the browser.
    fetch: async (input, init) => (await emulator()).fetch(input, init),
  })
  return { flowglad, emulator }
}

function getRuntime(): FlowgladRuntime {
  globalForFlowglad.__appFlowglad ??= createRuntime()
  return globalForFlowglad.__appFlowglad
}

/** The process-wide Flowglad client shared by route handlers, server components and actions. */
export function getFlowglad(): AppFlowglad {
  return getRuntime().flowglad
}

/** Starts the local emulator now (no-op against the real API); returns its URL if any. */
export async function startFlowglad(): Promise<string | null> {
  const { emulator } = getRuntime()
  return emulator ? (await emulator()).url : null
}
