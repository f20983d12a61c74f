import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFlowgladWebhookHandler, createRedisWebhookStore } from '../../src/webhooks'
import { startRedis, type TestRedis } from '../support/redis'
import { SECRET, signedRequest } from './deliveries'

let redis: TestRedis
const clients: Redis[] = []
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  for (const client of clients) client.disconnect()
  await redis.stop()
})

/** An instance's receiver on its own Redis connection; `runs` counts its handler runs. */
function instance(fail = () => false) {
  const client = new Redis(redis.url)
  clients.push(client)
  const runs: string[] = []
  const handler = createFlowgladWebhookHandler({
    secret: SECRET,
    store: createRedisWebhookStore({ redis: client, prefix: 'app1:' }),
    onError: () => {},
    on: {
      'payment.succeeded': async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 50))
        if (fail()) throw new Error('provisioning failed')
        runs.push(event.id)
      },
    },
  })
  return { handler, runs }
}

describe('dedupe in Redis, across instances', { timeout: 30_000 }, () => {
  it('runs a delivery once when copies reach two instances at the same time', async () => {
    const [a, b] = [instance(), instance()]
    const statuses = await Promise.all(
      [a, b, a, b].map(({ handler }) => handler(signedRequest('payment.succeeded', { id: 'msg_shared' }))),
    ).then((responses) => responses.map((response) => response.status))
    expect(a.runs.length + b.runs.length).toBe(1)
    expect(statuses).toContain(200)
    // A later retry of the same delivery is acknowledged without running again.
    const retry = await b.handler(signedRequest('payment.succeeded', { id: 'msg_shared' }))
    expect(await retry.json()).toEqual({ received: true, duplicate: true })
    expect(a.runs.length + b.runs.length).toBe(1)
  })

  it('releases a failed delivery so the retry runs it on another instance', async () => {
    const a = instance(() => true)
    const b = instance()
    expect((await a.handler(signedRequest('payment.succeeded', { id: 'msg_fail' }))).status).toBe(500)
    expect((await b.handler(signedRequest('payment.succeeded', { id: 'msg_fail' }))).status).toBe(200)
    expect(b.runs).toEqual(['msg_fail'])
  })

  it('keeps the records under the prefix', async () => {
    const client = new Redis(redis.url)
    clients.push(client)
    expect(await client.get('app1:webhook:msg_shared')).toBe('done')
    expect(await client.exists('flowglad:webhook:msg_shared')).toBe(0)
  })
})
