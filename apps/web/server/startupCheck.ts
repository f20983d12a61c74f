import 'server-only'
import { getAuth } from './auth'
import { ConfigError, getConfig } from './config'
import { startFlowglad } from './flowglad'

// Instrumentation and the pages are different bundles of one process: the startup result is
// shared through globalThis, like the Flowglad client.
const startup = globalThis as typeof globalThis & { __appStartupProblem?: string }

/** The configuration or startup problem to show on every page, or null when the app can serve. */
export function configProblem(): string | null {
  try {
    getConfig()
  } catch (error) {
    if (error instanceof ConfigError) return error.message
    throw error
  }
  return startup.__appStartupProblem ?? null
}

/** The innermost cause's message: the one that says what to fix (a missing slug, a busy port). */
function rootMessage(error: unknown): string {
  let current = error
  while (current instanceof Error && current.cause instanceof Error) current = current.cause
  return current instanceof Error ? current.message : String(current)
}

/** Validates the config, migrates the database and starts the emulator; logs what to fix. */
export async function runStartupCheck(): Promise<void> {
  const problem = configProblem()
  if (problem) {
    console.error(`[config] ${problem} See apps/web/.env.example.`)
    return
  }
  const { flowglad, dataDir } = getConfig()
  try {
    await getAuth()
    const emulatorURL = await startFlowglad()
    const billing = emulatorURL
      ? `Flowglad emulator at ${emulatorURL}`
      : 'the Flowglad API (FLOWGLAD_SECRET_KEY)'
    console.info(`[startup] data in ${dataDir}; billing through ${billing}`)
    if (flowglad.kind === 'emulator') console.info(`[startup] pricing model from ${flowglad.pricingFile}`)
  } catch (error) {
    const message = `${error instanceof Error ? error.message : 'Startup failed.'} ${rootMessage(error)}`
    startup.__appStartupProblem = message
    console.error(`[startup] the app cannot serve requests until this is fixed: ${message}`, error)
  }
}
