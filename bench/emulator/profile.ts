/**
 * Loads the emulator with one scenario while this process runs under `node --cpu-prof`, to see where
 * a request's time goes. Run: node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/emulator/profile.ts read|write [seconds]
 * then `node bench/emulator/profileSummary.mjs DIR/*.cpuprofile`.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulator } from '../../packages/flowglad-emulator/src/index'
import { autocannon } from './load'

const scenario = process.argv[2] ?? 'read'
const seconds = Number(process.argv[3] ?? 6)
const durable = scenario === 'durable'
const emulator = await createEmulator({
  listen: true,
  port: 0,
  ...(durable ? { dataFile: join(mkdtempSync(join(tmpdir(), 'flowglad-profile-')), 'state.json') } : {}),
})
const headers = { authorization: emulator.apiKey, 'content-type': 'application/json' }
const created = (await (
  await fetch(`${emulator.url}/api/v1/customers`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ customer: { externalId: 'p', email: 'p@example.com', name: 'P' } }),
  })
).json()) as { data: { subscription: { id: string } } }
const body = JSON.stringify({
  usageEvent: {
    subscriptionId: created.data.subscription.id,
    usageMeterSlug: 'api_calls',
    amount: 1,
    transactionId: 'p-[<id>]',
  },
})
const result =
  scenario === 'read'
    ? await autocannon(
        { method: 'GET', url: `${emulator.url}/api/v1/customers/p/billing`, headers },
        16,
        seconds,
      )
    : await autocannon(
        { method: 'POST', url: `${emulator.url}/api/v1/usage-events`, headers, body },
        16,
        seconds,
      )
console.log(scenario, Math.round(result.requests.average), 'req/s', 'non2xx', result.non2xx)
await emulator.close()
