import 'server-only'
import { createFlowglad, type Flowglad } from 'flowglad-trpc/server'
import { ConfigError, type FlowgladMode, getConfig } from './config'
import { webhookEndpoint, webhookSecret } from './webhooks'

/** The app's Flowglad client: the real API with FLOWGLAD_SECRET_KEY, else the local emulator. */
export type AppFlowglad = Flowglad

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
  // No key: the library's process-wide emulator, asked for explicitly so that `next start` (a
  // production build) uses it too. It listens on a real port because the browser opens its hosted
  // checkout and billing portal pages, and flushes its state file when the server is stopped.
  return createFlowglad({
    emulator: {
      pricing: mode.pricingFile,
      dataFile: mode.dataFile,
      port: mode.port,
      // The emulator delivers Flowglad's webhooks to this app's route (app/api/flowglad/webhooks).
      webhooks: { endpoints: [webhookEndpoint()], secret: webhookSecret() },
    },
  })
}

// One client per process, on globalThis: Next.js evaluates this module once per bundle (route
// handlers, server components, server actions, instrumentation), and sharing the client shares its
// caches and write tracking. The router accepts it from any bundle's copy of flowglad-trpc.
const globalForFlowglad = globalThis as typeof globalThis & { __appFlowglad?: AppFlowglad }

/** The process's Flowglad client (the real API, the emulator, or one that reports the config problem). */
export function getFlowglad(): AppFlowglad {
  globalForFlowglad.__appFlowglad ??= createAppFlowglad()
  return globalForFlowglad.__appFlowglad
}

/** Starts the local emulator now (no-op against the real API); returns its URL if any. */
export async function startFlowglad(): Promise<string | null> {
  const { flowglad: mode } = getConfig()
  if (mode.kind !== 'emulator') return null
  try {
    // The first client use starts the emulator; the client's base URL is where it listens.
    return (await getFlowglad().client()).baseURL
  } catch (error) {
    const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code
    const hint = code === 'EADDRINUSE' ? ` Port ${mode.port} is in use: set FLOWGLAD_EMULATOR_PORT.` : ''
    // The root cause goes in the top-level message (e.g. the missing pricing file); the chain is kept.
    let root: unknown = error
    while (root instanceof Error && root.cause instanceof Error) root = root.cause
    const reason = root instanceof Error ? root.message : String(root)
    throw new Error(`Could not start the Flowglad emulator: ${reason}${hint}`, { cause: error })
  }
}
