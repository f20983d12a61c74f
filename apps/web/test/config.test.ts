import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from '@/server/config'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

function configError(): ConfigError {
  try {
    readConfig()
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('configuration', () => {
  it('runs on the emulator by default, with the app pricing file and a data file beside the database', () => {
    process.env.FLOWGLAD_EMULATOR_PORT = ''
    const config = readConfig()
    expect(config.flowglad).toMatchObject({ kind: 'emulator', port: 4010 })
    expect(config.flowglad.kind === 'emulator' && config.flowglad.pricingFile).toMatch(/pricing\.yaml$/)
    expect(config.flowglad.kind === 'emulator' && config.flowglad.dataFile).toBe(
      `${config.dataDir}/flowglad.json`,
    )
  })

  it('uses the real Flowglad API when FLOWGLAD_SECRET_KEY is set', () => {
    process.env.FLOWGLAD_SECRET_KEY = 'sk_test_abc123'
    expect(readConfig().flowglad).toEqual({ kind: 'flowglad', apiKey: 'sk_test_abc123', baseURL: undefined })
  })

  it('rejects a value that is not a secret key without echoing it', () => {
    process.env.FLOWGLAD_SECRET_KEY = 'pk_live_do_not_print_me'
    const error = configError()
    expect(error.message).toMatch(/FLOWGLAD_SECRET_KEY/)
    expect(error.message).not.toContain('do_not_print_me')
  })

  it('rejects FLOWGLAD_BASE_URL without a key', () => {
    process.env.FLOWGLAD_BASE_URL = 'http://127.0.0.1:4010'
    expect(configError().message).toMatch(/FLOWGLAD_BASE_URL is set without FLOWGLAD_SECRET_KEY/)
  })

  it('names the variable when a port is not a port', () => {
    process.env.FLOWGLAD_EMULATOR_PORT = 'forty'
    expect(configError().message).toMatch(/FLOWGLAD_EMULATOR_PORT must be a port number/)
  })

  it('accepts the app opened as localhost or 127.0.0.1 when BETTER_AUTH_URL is not set', () => {
    process.env.BETTER_AUTH_URL = ''
    process.env.PORT = '3100'
    expect(readConfig().authTrustedOrigins).toEqual(['http://localhost:3100', 'http://127.0.0.1:3100'])
  })

  it('rejects a BETTER_AUTH_URL that is not a URL', () => {
    process.env.BETTER_AUTH_URL = 'localhost:3000'
    expect(configError().message).toMatch(/BETTER_AUTH_URL must be an http\(s\) URL/)
  })

  it('names the missing pricing file', () => {
    process.env.FLOWGLAD_PRICING_FILE = '/nowhere/pricing.yaml'
    expect(configError().message).toBe(
      'Pricing file not found: /nowhere/pricing.yaml (set FLOWGLAD_PRICING_FILE).',
    )
  })
})
