import { parseArgs } from 'node:util'
import { createEmulator } from './createEmulator'
import { loadPricingModel } from './node/loadPricingModel'

const USAGE = `flowglad-emulator: a local, stateful Flowglad API

Usage: flowglad-emulator [--pricing FILE] [--port N] [--host HOST] [--data FILE] [--api-key KEY]
                         [--webhook-url URL]... [--webhook-secret whsec_...]

  --pricing FILE   pricing model (Flowglad setup YAML/JSON); default: the built-in model
  --port N         port to listen on (default 7777; 0 = any free port)
  --host HOST      interface to bind (default 127.0.0.1)
  --data FILE      persist state to FILE (folder created; a write is answered once on disk)
  --api-key KEY    API key to accept (default sk_test_flowglad_emulator)
  --webhook-url URL      deliver Flowglad's webhooks to URL (repeatable; env FLOWGLAD_WEBHOOK_URL,
                         comma-separated)
  --webhook-secret S     signing secret, whsec_<base64> (env FLOWGLAD_WEBHOOK_SECRET; default: generated
                         and printed)
  --check          validate the pricing file and exit
  -h, --help       show this help`

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
    options: {
      pricing: { type: 'string' },
      port: { type: 'string', default: '7777' },
      host: { type: 'string' },
      data: { type: 'string' },
      'api-key': { type: 'string' },
      'webhook-url': { type: 'string', multiple: true },
      'webhook-secret': { type: 'string' },
      check: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return void console.log(USAGE)
  if (values.check) {
    const catalog = loadPricingModel(values.pricing)
    return void console.log(
      `OK: "${catalog.pricingModel.name}", ${catalog.pricingModel.products.length} products`,
    )
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0..65535, got ${values.port}`)
  const emulator = await createEmulator({
    port,
    ...(values.pricing ? { pricing: values.pricing } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values.data ? { dataFile: values.data } : {}),
    ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
    webhooks: webhookOptions(values['webhook-url'], values['webhook-secret']),
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
