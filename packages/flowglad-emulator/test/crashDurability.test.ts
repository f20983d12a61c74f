import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Flowglad from '@flowglad/node'
import { afterEach, describe, expect, it } from 'vitest'
import { type RunningCli, startCli } from './support/startCli'

const ROUNDS = 5
const WORKERS = 8
/** Each round kills the emulator once at least this many writes were acknowledged in it, plus a random delay. */
const ACKED_BEFORE_KILL = 40

let running: RunningCli | undefined
afterEach(() => {
  running?.child.kill('SIGKILL')
  running = undefined
})

/** Writes the emulator answered 2xx to: customers by externalId, usage events by id. */
interface Acknowledged {
  customers: string[]
  usageEvents: string[]
}

const clientFor = (cli: { url: string; key: string }) =>
  new Flowglad({ apiKey: cli.key, baseURL: cli.url, maxRetries: 0, timeout: 30_000 })

/**
 * Writes from `WORKERS` concurrent loops (alternating customer creations and usage events) until the
 * process dies; only answered writes are recorded, so whatever was in flight at the kill is not.
 */
async function writeUntilKilled(
  client: Flowglad,
  subscriptionId: string,
  round: number,
  acked: Acknowledged,
) {
  let stop = false
  let ackedThisRound = 0
  let active = WORKERS
  const worker = async (w: number) => {
    for (let i = 0; !stop; i++) {
      try {
        if (i % 2 === 0) {
          const externalId = `r${round}_w${w}_${i}`
          await client.customers.create({
            customer: { externalId, email: `${externalId}@example.com`, name: externalId },
          })
          acked.customers.push(externalId)
        } else {
          const { usageEvent } = (await client.post('/api/v1/usage-events', {
            body: {
              usageEvent: {
                subscriptionId,
                usageMeterSlug: 'api_calls',
                amount: 1,
                transactionId: `r${round}_w${w}_${i}`,
              },
            },
          })) as { usageEvent: { id: string } }
          acked.usageEvents.push(usageEvent.id)
        }
        ackedThisRound++
      } catch {
        stop = true // the connection died with the process: that write was never acknowledged
      }
    }
    active--
  }
  const workers = Array.from({ length: WORKERS }, (_, w) => worker(w))
  while (ackedThisRound < ACKED_BEFORE_KILL && active > 0)
    await new Promise((resolve) => setTimeout(resolve, 5))
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 150))
  running?.child.kill('SIGKILL')
  await running?.exited
  running = undefined
  await Promise.all(workers)
}

/** Every acknowledged write, read back through the API of a freshly started emulator. */
async function expectAllPresent(client: Flowglad, acked: Acknowledged) {
  const missing: string[] = []
  const check = async (ids: string[], read: (id: string) => Promise<unknown>) => {
    for (let i = 0; i < ids.length; i += 32) {
      await Promise.all(
        ids.slice(i, i + 32).map((id) =>
          read(id).catch((error: unknown) => {
            // Only a 404 means lost; anything else (a timeout on a busy machine) fails as itself.
            if ((error as { status?: number }).status !== 404) throw error
            missing.push(id)
          }),
        ),
      )
    }
  }
  await check(acked.customers, (id) => client.customers.retrieve(id))
  await check(acked.usageEvents, (id) => client.get(`/api/v1/usage-events/${id}`))
  expect(missing).toEqual([])
}

describe('crash durability (CLI emulator, kill -9 under load)', () => {
  it('every acknowledged write survives kill -9, round after round, and no temp file is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowglad-crash-'))
    // The folder does not exist yet: the emulator creates it.
    const dataDir = join(dir, 'state')
    const args = ['--port', '0', '--data', join(dataDir, 'flowglad.json')]
    const acked: Acknowledged = { customers: [], usageEvents: [] }

    running = await startCli(args)
    const { data } = await clientFor(running).customers.create({
      customer: { externalId: 'load_user', email: 'load@example.com', name: 'Load' },
    })
    acked.customers.push('load_user')
    const subscriptionId = data.subscription?.id as string
    expect(subscriptionId).toBeTruthy()

    for (let round = 0; round < ROUNDS; round++) {
      await writeUntilKilled(clientFor(running), subscriptionId, round, acked)
      running = await startCli(args)
      await expectAllPresent(clientFor(running), acked)
      expect(readdirSync(dataDir)).toEqual(['flowglad.json'])
    }
    expect(acked.usageEvents.length).toBeGreaterThan(ROUNDS * 10)
  }, 180_000)
})
