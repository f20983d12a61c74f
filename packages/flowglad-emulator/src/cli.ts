import { parseArgs } from 'node:util'
import { createEmulator, type EmulatorOptions } from './createEmulator'
import { loadPricingModel } from './node/loadPricingModel'
import { DEFAULT_MAX_BODY_BYTES } from './node/startEmulatorServer'

type Values = Record<string, unknown>

/** One command-line flag: how it parses, what `--help` says, and what it sets. */
interface Flag {
  type: 'string' | 'boolean'
  multiple?: boolean
  short?: string
  /** Placeholder in `--help` (`FILE`, `N`). */
  arg?: string
  help: string
  /** Its part of the emulator's options (absent: a mode flag handled in `main`). */
  apply?: (value: never) => Partial<EmulatorOptions>
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new Error(`--${flag} must be ${min}..${max}, got ${value}`)
  return n
}

/** Every flag; a new one is one entry here (help text and parsing follow). */
const FLAGS = {
  pricing: {
    type: 'string',
    arg: 'FILE',
    help: 'pricing model (Flowglad setup YAML/JSON); default: the built-in model',
    apply: (pricing: string) => ({ pricing }),
  },
  port: {
    type: 'string',
    arg: 'N',
    help: 'port to listen on (default 7777; 0 = any free port)',
    apply: (port: string) => ({ port: integer('port', port, 0, 65_535) }),
  },
  host: {
    type: 'string',
    arg: 'HOST',
    help: 'interface to bind (default 127.0.0.1, this machine only)',
    apply: (host: string) => ({ host }),
  },
  data: {
    type: 'string',
    arg: 'FILE',
    help: 'persist state to FILE (folder created; a write is answered once on disk)',
    apply: (dataFile: string) => ({ dataFile }),
  },
  'api-key': {
    type: 'string',
    arg: 'KEY',
    help: 'API key to accept on /api/v1 and /_emulator (default sk_test_flowglad_emulator)',
    apply: (apiKey: string) => ({ apiKey }),
  },
  'app-origin': {
    type: 'string',
    multiple: true,
    arg: 'ORIGIN',
    help: "app origin hosted pages may send the browser back to (repeatable), besides a checkout's successUrl origin",
    apply: (appOrigins: string[]) => ({ appOrigins }),
  },
  'max-body': {
    type: 'string',
    arg: 'BYTES',
    help: `largest request body read; larger is a 413 (default ${DEFAULT_MAX_BODY_BYTES})`,
    apply: (bytes: string) => ({ maxBodyBytes: integer('max-body', bytes, 1, 2 ** 31) }),
  },
  'merchant-name': {
    type: 'string',
    arg: 'NAME',
    help: 'seller name on the checkout and portal pages (default "Test merchant")',
    apply: (merchantName: string) => ({ merchantName }),
  },
  // Webhooks: read in `main` with their environment fallbacks (FLOWGLAD_WEBHOOK_URL/_SECRET).
  'webhook-url': {
    type: 'string',
    multiple: true,
    arg: 'URL',
    help: "deliver Flowglad's webhooks to URL (repeatable; env FLOWGLAD_WEBHOOK_URL, comma-separated)",
  },
  'webhook-secret': {
    type: 'string',
    arg: 'whsec_…',
    help: 'signing secret (env FLOWGLAD_WEBHOOK_SECRET; default: generated and printed)',
  },
  check: { type: 'boolean', help: 'validate the pricing file and exit' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} satisfies Record<string, Flag>

const USAGE = `flowglad-emulator: a local, stateful Flowglad API

Usage: flowglad-emulator [options]

${Object.entries(FLAGS as Record<string, Flag>)
  .map(([name, flag]) => {
    const left = `${flag.short ? `-${flag.short}, ` : '    '}--${name}${flag.arg ? ` ${flag.arg}` : ''}`
    return `  ${left.padEnd(26)} ${flag.help}`
  })
  .join('\n')}

Exit codes: 0 stopped cleanly (SIGINT/SIGTERM) or --check passed; 1 bad flags, a broken pricing or
data file, a port in use, or a failed final save.`

/** The emulator's options from parsed flags (the `--port` default is 7777, unlike the library's 0). */
function optionsFrom(values: Values): EmulatorOptions {
  let options: EmulatorOptions = { port: 7777 }
  for (const [name, flag] of Object.entries(FLAGS as Record<string, Flag>)) {
    const value = values[name]
    if (value !== undefined && flag.apply) options = { ...options, ...flag.apply(value as never) }
  }
  return options
}

/** Webhook endpoints and secret from the flags, else the environment. */
function webhookOptions(urls: string[] | undefined, secret: string | undefined) {
  const fromEnv = (process.env.FLOWGLAD_WEBHOOK_URL ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
  const endpoints = urls?.length ? urls : fromEnv
  const signingSecret = secret ?? process.env.FLOWGLAD_WEBHOOK_SECRET
  return { endpoints, ...(signingSecret ? { secret: signingSecret } : {}) }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: Object.fromEntries(
      Object.entries(FLAGS as Record<string, Flag>).map(([name, { type, multiple, short }]) => [
        name,
        { type, ...(multiple ? { multiple } : {}), ...(short ? { short } : {}) },
      ]),
    ),
  })
  if (values.help) return void console.log(USAGE)
  if (values.check) {
    const catalog = loadPricingModel(values.pricing as string | undefined)
    return void console.log(
      `OK: "${catalog.pricingModel.name}", ${catalog.pricingModel.products.length} products`,
    )
  }
  const emulator = await createEmulator({
    ...optionsFrom(values),
    webhooks: webhookOptions(
      values['webhook-url'] as string[] | undefined,
      values['webhook-secret'] as string | undefined,
    ),
  })
  console.log(`Flowglad emulator listening on ${emulator.url}`)
  console.log(`  FLOWGLAD_BASE_URL=${emulator.url}`)
  console.log(`  FLOWGLAD_SECRET_KEY=${emulator.apiKey}`)
  if (values.data) console.log(`  state: ${values.data}`)
  for (const endpoint of emulator.webhooks.endpoints()) console.log(`  webhooks → ${endpoint.url}`)
  console.log(`  FLOWGLAD_WEBHOOK_SECRET=${emulator.webhooks.secret}`)
  console.log(`  deliveries: ${emulator.url}/webhooks`)
  const shutdown = () => {
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
