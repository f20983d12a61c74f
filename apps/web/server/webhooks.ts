import 'server-only'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { getConfig } from './config'

/**
 * The webhook signing secret: FLOWGLAD_WEBHOOK_SECRET (the endpoint's secret in Flowglad's
 * dashboard), else, with the local emulator, one generated once and kept beside the database (the
 * emulator signs with it, this app verifies with it).
 */
export function webhookSecret(): string {
  const fromEnv = process.env.FLOWGLAD_WEBHOOK_SECRET?.trim()
  if (fromEnv) return fromEnv
  const { dataDir } = getConfig()
  const file = join(dataDir, 'webhook-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = `whsec_${randomBytes(24).toString('base64')}`
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

/** Where the local emulator delivers webhooks: this app's route (FLOWGLAD_WEBHOOK_URL overrides). */
export function webhookEndpoint(): string {
  return (
    process.env.FLOWGLAD_WEBHOOK_URL?.trim() ||
    `http://127.0.0.1:${process.env.PORT || 3000}/api/flowglad/webhooks`
  )
}
