import 'server-only'
import { getAuth } from './auth'
import { ConfigError, getConfig } from './config'
import { startFlowglad } from './flowglad'

/** The configuration problem to show on every page, or null when the config is usable. */
export function configProblem(): string | null {
  try {
    getConfig()
    return null
  } catch (error) {
    if (error instanceof ConfigError) return error.message
    throw error
  }
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
    console.error('[startup] the app cannot serve requests until this is fixed:', error)
  }
}
