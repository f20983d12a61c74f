import { parseArgs } from 'node:util'
import { createEmulator } from './createEmulator'
import { loadPricingModel } from './node/loadPricingModel'

const USAGE = `flowglad-emulator: a local, stateful Flowglad API

Usage: flowglad-emulator [--pricing FILE] [--port N] [--host HOST] [--data FILE] [--api-key KEY]

  --pricing FILE   pricing model (Flowglad setup YAML/JSON); default: the built-in model
  --port N         port to listen on (default 7777; 0 = any free port)
  --host HOST      interface to bind (default 127.0.0.1)
  --data FILE      persist state to FILE (folder created; a write is answered once on disk)
  --api-key KEY    API key to accept (default sk_test_flowglad_emulator)
  --check          validate the pricing file and exit
  -h, --help       show this help`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pricing: { type: 'string' },
      port: { type: 'string', default: '7777' },
      host: { type: 'string' },
      data: { type: 'string' },
      'api-key': { type: 'string' },
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
  })
  console.log(`Flowglad emulator listening on ${emulator.url}`)
  console.log(`  FLOWGLAD_BASE_URL=${emulator.url}`)
  console.log(`  FLOWGLAD_SECRET_KEY=${emulator.apiKey}`)
  if (values.data) console.log(`  state: ${values.data}`)
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
