import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Flowglad from '@flowglad/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../../src'
import { startWebhookReceiver } from '../support/webhookReceiver'

// The events the oracle (Flowglad's server, run offline) creates, against what the emulator
// delivers. The oracle's Svix mock answers without recording, and its Trigger.dev tasks (which hand
// events to Svix) do not run; what it would hand Svix is the event row: `{ ...payload,
// pricingModelId }` (utils/svix.ts `sendSvixEventCore`). So the oracle side is read from its
// `events` table. Needs FLOWGLAD_ORACLE_URL and FLOWGLAD_ORACLE_KEY (`oracle.sh env`), and the
// oracle's folder (FLOWGLAD_ORACLE_DIR, default /tmp/flowglad-oracle) for its Postgres port.

const url = process.env.FLOWGLAD_ORACLE_URL
const key = process.env.FLOWGLAD_ORACLE_KEY
if (!url || !key) throw new Error('Set FLOWGLAD_ORACLE_URL and FLOWGLAD_ORACLE_KEY (eval "$(oracle.sh env)")')
const dir = process.env.FLOWGLAD_ORACLE_DIR ?? '/tmp/flowglad-oracle'
const pgPort = readFileSync(join(dir, 'run/pg.port'), 'utf8').trim()

interface EventRow {
  type: string
  payload: { id: string; object: string; customer: { id: string; externalId: string } }
  pricingModelId: string
}

/** The oracle's events about one customer, oldest first (what it would hand Svix). */
function oracleEvents(externalId: string): EventRow[] {
  const sql = `select coalesce(json_agg(json_build_object('type', type, 'payload', payload, 'pricingModelId', pricing_model_id) order by submitted_at, type), '[]') from events where payload->'customer'->>'externalId' = $$${externalId.replace(/\$/g, '')}$$`
  const out = execFileSync(
    'psql',
    ['-h', '127.0.0.1', '-p', pgPort, '-U', 'test', '-d', 'test_db', '-tA', '-c', sql],
    {
      env: { ...process.env, PGPASSWORD: 'test' },
    },
  )
  return JSON.parse(out.toString()) as EventRow[]
}

/** The body with ids replaced by what they name, so two servers' events compare. */
function shape(body: EventRow['payload'] & { pricingModelId: string }, ids: Record<string, string>) {
  const name = (id: string) => ids[id] ?? `unknown id ${id}`
  return {
    keys: Object.keys(body),
    id: name(body.id),
    object: body.object,
    customer: { keys: Object.keys(body.customer), id: name(body.customer.id), externalId: 'the customer' },
    pricingModelId: name(body.pricingModelId),
  }
}

let emulator: Emulator
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
beforeAll(async () => {
  receiver = await startWebhookReceiver()
  emulator = await createEmulator({
    pricing: new URL('../../pricing/default.yaml', import.meta.url).pathname,
    webhooks: { endpoints: [receiver.url] },
  })
})
afterAll(async () => {
  await emulator.close()
  await receiver.close()
})

describe('webhook events: oracle vs emulator', () => {
  it('customer creation creates the same events with the same payloads', async () => {
    const externalId = `webhooks_${Date.now()}`
    const customerInput = { externalId, email: `${externalId}@example.com`, name: 'Webhooks' }

    const oracle = new Flowglad({ apiKey: key, baseURL: url, maxRetries: 0, timeout: 60_000 })
    const created = (await oracle.customers.create({ customer: customerInput })).data
    const oracleBilling = await oracle.customers.retrieveBilling(externalId)
    const oracleIds = {
      [created.customer.id]: 'customer',
      [created.customer.pricingModelId as string]: 'pricing model',
      ...Object.fromEntries((oracleBilling.subscriptions ?? []).map((s) => [s.id, 'default subscription'])),
    }
    const fromOracle = oracleEvents(externalId).map((row) => ({
      type: row.type,
      body: shape({ ...row.payload, pricingModelId: row.pricingModelId }, oracleIds),
    }))

    const local = new Flowglad({ apiKey: emulator.apiKey, baseURL: emulator.url, maxRetries: 0 })
    const mine = (await local.customers.create({ customer: customerInput })).data
    const localBilling = await local.customers.retrieveBilling(externalId)
    await emulator.webhooks.idle()
    const localIds = {
      [mine.customer.id]: 'customer',
      [mine.customer.pricingModelId as string]: 'pricing model',
      ...Object.fromEntries((localBilling.subscriptions ?? []).map((s) => [s.id, 'default subscription'])),
    }
    const fromEmulator = receiver.received.map((request) => ({
      type: String(request.headers['flowglad-event-type']),
      body: shape(JSON.parse(request.body), localIds),
    }))

    expect(fromOracle.length).toBeGreaterThan(0)
    const byType = (events: typeof fromOracle) => [...events].sort((a, b) => a.type.localeCompare(b.type))
    // Key order is compared on the emulator's side only: Postgres' jsonb reorders the oracle's.
    expect(
      byType(fromEmulator).map((e) => ({ ...e, body: { ...e.body, keys: [...e.body.keys].sort() } })),
    ).toEqual(byType(fromOracle).map((e) => ({ ...e, body: { ...e.body, keys: [...e.body.keys].sort() } })))
  })
})
