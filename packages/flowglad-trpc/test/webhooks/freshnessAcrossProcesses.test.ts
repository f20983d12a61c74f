import { type ChildProcessByStdio, spawn } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFlowglad } from '../../src/server'
import { createFlowgladWebhookHandler, createRedisWebhookStore } from '../../src/webhooks'
import { customerOf, testUser } from '../support/createTestApp'
import { startRedis, type TestRedis } from '../support/redis'
import { SECRET, signedRequest } from './deliveries'

// Issue #18 item 3: a webhook received by one instance makes every instance's next billing read
// fresh. This process is instance A (it receives the webhook); a child process is instance B (it
// reuses billing answers for a minute). They share one real Redis and one emulator over HTTP.

let emulator: Emulator
let redis: TestRedis
beforeAll(async () => {
  ;[emulator, redis] = await Promise.all([createEmulator(), startRedis()])
})
afterAll(async () => {
  await Promise.all([emulator.close(), redis.stop()])
})

const packageRoot = fileURLToPath(new URL('../..', import.meta.url))
const reader = fileURLToPath(new URL('./fixtures/billingReader.ts', import.meta.url))

/** Starts instance B; `read()` asks it whether the customer is on a paid plan. */
async function startInstanceB(args: object) {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(
    process.execPath,
    ['--import', 'tsx', reader, JSON.stringify(args)],
    { cwd: packageRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  )
  const lines: string[] = []
  const waiters: ((line: string) => void)[] = []
  let buffer = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
      const waiter = waiters.shift()
      if (waiter) waiter(line)
      else lines.push(line)
    }
  })
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const queued = lines.shift()
      if (queued !== undefined) return resolve(queued)
      const timer = setTimeout(() => reject(new Error(`instance B did not answer:\n${stderr}`)), 30_000)
      waiters.push((line) => {
        clearTimeout(timer)
        resolve(line)
      })
    })
  expect(await nextLine()).toBe('ready')
  return {
    read: async () => {
      child.stdin.write('read\n')
      return (JSON.parse(await nextLine()) as { paid: boolean }).paid
    },
    stop: () => child.stdin.end(),
  }
}

describe('freshness across instances', () => {
  it('a webhook received by instance A drops the billing instance B reuses', {
    timeout: 90_000,
  }, async () => {
    const user = testUser()
    const customer = customerOf(user)
    const flowgladA = createFlowglad({ apiKey: emulator.apiKey, baseURL: emulator.url })
    await flowgladA.customers.findOrCreate(customer)
    const instanceB = await startInstanceB({
      emulatorUrl: emulator.url,
      apiKey: emulator.apiKey,
      redisUrl: redis.url,
      customer,
    })
    const redisA = new Redis(redis.url)
    try {
      expect(await instanceB.read()).toBe(false)

      // The customer pays outside instance B (on Flowglad's page).
      const session = await flowgladA.forCustomer(customer).checkout.create({
        priceSlug: 'pro_monthly',
        successUrl: 'https://app.test/success',
        cancelUrl: 'https://app.test/cancel',
      })
      emulator.control.completeCheckoutSession(session.id)
      // B still reuses its answer: nothing told it (the control for the next step).
      expect(await instanceB.read()).toBe(false)

      const receive = createFlowgladWebhookHandler({
        secret: SECRET,
        on: {},
        store: createRedisWebhookStore({ redis: redisA }),
      })
      const response = await receive(
        signedRequest('subscription.created', {
          body: JSON.stringify({
            id: 'sub_1',
            object: 'subscription',
            customer: { id: 'cus_1', externalId: customer.externalId },
            pricingModelId: 'pm_1',
          }),
        }),
      )
      expect(response.status).toBe(200)
      expect(await instanceB.read()).toBe(true)
    } finally {
      instanceB.stop()
      redisA.disconnect()
    }
  })
})
