import 'server-only'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'

/** The local emulator: its port (for the browser), pricing model and state file. */
export interface EmulatorMode {
  kind: 'emulator'
  port: number
  pricingFile: string
  dataFile: string
}

/** Where billing comes from: the local emulator (default) or the real Flowglad API. */
export type FlowgladMode = EmulatorMode | { kind: 'flowglad'; apiKey: string; baseURL: string | undefined }

/** The app's resolved configuration, read once from the environment. */
export interface AppConfig {
  dataDir: string
  /** The app's PGlite (Postgres) data directory. */
  databaseDir: string
  authURL: string
  /** Origins Better Auth accepts requests from (the app's URL; locally both loopback names). */
  authTrustedOrigins: string[]
  flowglad: FlowgladMode
}

/** A configuration problem, worded for the person running the app. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

const appRoot = process.cwd()

function resolveFromApp(path: string): string {
  // Runtime paths (data dir, pricing file): not something the bundler should trace.
  return isAbsolute(path) ? path : resolve(/*turbopackIgnore: true*/ appRoot, path)
}

function parsePort(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a port number (0-65535), got "${raw}".`)
  }
  return port
}

/**
 * Better Auth's signing secret. A generated one is kept next to the database so sessions
 * survive restarts without asking a first-time user to configure anything.
 */
export function readOrCreateAuthSecret(dataDir: string): string {
  const fromEnv = process.env.BETTER_AUTH_SECRET
  if (fromEnv) return fromEnv
  const file = join(dataDir, 'auth-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

function readAuthURL(port: number): Pick<AppConfig, 'authURL' | 'authTrustedOrigins'> {
  const raw = process.env.BETTER_AUTH_URL
  // Without an explicit URL the app is local: accept it opened as localhost or 127.0.0.1.
  if (!raw) {
    return {
      authURL: `http://localhost:${port}`,
      authTrustedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
    }
  }
  const url = URL.canParse(raw) ? new URL(raw) : null
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new ConfigError(
      `BETTER_AUTH_URL must be an http(s) URL (e.g. https://app.example.com), got "${raw}".`,
    )
  }
  return { authURL: raw, authTrustedOrigins: [url.origin] }
}

function readFlowgladMode(dataDir: string): FlowgladMode {
  const apiKey = process.env.FLOWGLAD_SECRET_KEY?.trim()
  const baseURL = process.env.FLOWGLAD_BASE_URL?.trim() || undefined
  if (apiKey) {
    if (!apiKey.startsWith('sk_')) {
      // Never echo the value: it may be a real key pasted into the wrong variable.
      throw new ConfigError(
        'FLOWGLAD_SECRET_KEY is set but does not look like a Flowglad secret key (sk_...).',
      )
    }
    return { kind: 'flowglad', apiKey, baseURL }
  }
  if (baseURL) {
    throw new ConfigError(
      'FLOWGLAD_BASE_URL is set without FLOWGLAD_SECRET_KEY: set both, or neither to use the emulator.',
    )
  }
  const pricingFile = resolveFromApp(process.env.FLOWGLAD_PRICING_FILE ?? 'pricing.yaml')
  if (!existsSync(pricingFile)) {
    throw new ConfigError(`Pricing file not found: ${pricingFile} (set FLOWGLAD_PRICING_FILE).`)
  }
  return {
    kind: 'emulator',
    port: parsePort(process.env.FLOWGLAD_EMULATOR_PORT, 'FLOWGLAD_EMULATOR_PORT', 4010),
    pricingFile,
    dataFile: join(dataDir, 'flowglad.json'),
  }
}

/** Reads the configuration from the environment now (uncached; see getConfig). */
export function readConfig(): AppConfig {
  const dataDir = resolveFromApp(process.env.APP_DATA_DIR ?? '.data')
  const port = parsePort(process.env.PORT, 'PORT', 3000)
  return {
    dataDir,
    databaseDir: join(dataDir, 'pglite'),
    ...readAuthURL(port),
    flowglad: readFlowgladMode(dataDir),
  }
}

const globalForConfig = globalThis as typeof globalThis & { __appConfig?: AppConfig }

/** The app's configuration (no side effects); throws a ConfigError naming the variable to fix. */
export function getConfig(): AppConfig {
  globalForConfig.__appConfig ??= readConfig()
  return globalForConfig.__appConfig
}
