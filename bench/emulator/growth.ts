/**
 * Whether a usage-event write gets slower as events accumulate: sequential in-process writes (no
 * HTTP, no concurrency) at checkpoints from 0 to 100,000 stored events, in memory and with a data
 * file (each write answered once its journal line is fdatasynced), filled in bulk requests between
 * checkpoints. Also times the floor of a durable write: one append + fdatasync of a line that size.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulator } from '../../packages/flowglad-emulator/src/index'
import { round } from './load'

/** Cost of one write once `storedEvents` events exist: medians over samples. */
export interface GrowthPoint {
  storedEvents: number
  /** Wall time per write. */
  memoryMs: number
  durableMs: number
  /** This process's CPU time per write (steadier than wall time on a shared machine). */
  memoryCpuUs: number
  durableCpuUs: number
  /** Data file size at the checkpoint (journal: snapshot + commits since the last compaction). */
  fileBytes: number
}

/** Everything this part reports. */
export interface GrowthResult {
  points: GrowthPoint[]
  /** Median ms of one append + fdatasync of a usage-event-sized line, no emulator. */
  appendProbeMs: number
  sample: number
}

export const CHECKPOINTS = [0, 10_000, 25_000, 50_000, 100_000] as const
const SAMPLES = 6
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

async function writer(dataFile?: string) {
  const emulator = await createEmulator({ listen: false, ...(dataFile ? { dataFile } : {}) })
  const headers = { authorization: emulator.apiKey, 'content-type': 'application/json' }
  const post = async (path: string, body: unknown) => {
    const res = await emulator.fetch(`${emulator.url}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${path} -> ${res.status}: ${await res.text()}`)
    return res.json()
  }
  const created = (await post('/api/v1/customers', {
    customer: { externalId: 'growth', email: 'growth@example.com', name: 'Growth' },
  })) as { data: { subscription: { id: string } } }
  let stored = 0
  const event = () => ({
    subscriptionId: created.data.subscription.id,
    usageMeterSlug: 'api_calls',
    amount: 1,
    transactionId: `g-${stored++}`,
  })
  return {
    emulator,
    stored: () => stored,
    fill: async (count: number) => {
      await post('/api/v1/usage-events/bulk', { usageEvents: Array.from({ length: count }, event) })
    },
    /** Wall ms and CPU µs per write over `sample` sequential single writes. */
    time: async (sample: number) => {
      const cpu = process.cpuUsage()
      const started = performance.now()
      for (let i = 0; i < sample; i++) await post('/api/v1/usage-events', { usageEvent: event() })
      const used = process.cpuUsage(cpu)
      return { ms: (performance.now() - started) / sample, cpuUs: (used.user + used.system) / sample }
    },
  }
}

async function appendProbe(dir: string, bytes: number): Promise<number> {
  const handle = await open(join(dir, 'probe.jsonl'), 'a')
  const line = Buffer.from(`${'x'.repeat(bytes - 1)}\n`)
  const times: number[] = []
  for (let i = 0; i < 31; i++) {
    const started = performance.now()
    await handle.write(line)
    await handle.datasync()
    times.push(performance.now() - started)
  }
  await handle.close()
  return times.sort((a, b) => a - b)[15] ?? Number.NaN
}

/** Runs the checkpoints; `sample` sequential writes are timed at each. */
export async function measureGrowth(sample = 300): Promise<GrowthResult> {
  const dir = mkdtempSync(join(tmpdir(), 'flowglad-bench-growth-'))
  const dataFile = join(dir, 'state.json')
  try {
    // Warm the JIT on throwaway emulators, so the 0 checkpoint is not the only one timed cold.
    for (const warm of [await writer(), await writer(join(dir, 'warm.json'))]) {
      await warm.time(300)
      await warm.emulator.close()
    }
    const memory = await writer()
    const durable = await writer(dataFile)
    const points: GrowthPoint[] = []
    for (const checkpoint of CHECKPOINTS) {
      for (const w of [memory, durable]) {
        while (w.stored() < checkpoint) await w.fill(Math.min(1000, checkpoint - w.stored()))
      }
      // Interleaved samples, so a burst of load on the shared machine hits both modes alike.
      const m: Array<{ ms: number; cpuUs: number }> = []
      const d: Array<{ ms: number; cpuUs: number }> = []
      for (let s = 0; s < SAMPLES; s++) {
        m.push(await memory.time(sample / SAMPLES))
        d.push(await durable.time(sample / SAMPLES))
      }
      const point = {
        storedEvents: checkpoint,
        memoryMs: round(median(m.map((x) => x.ms)), 3),
        durableMs: round(median(d.map((x) => x.ms)), 3),
        memoryCpuUs: round(median(m.map((x) => x.cpuUs)), 1),
        durableCpuUs: round(median(d.map((x) => x.cpuUs)), 1),
        fileBytes: statSync(dataFile).size,
      }
      points.push(point)
      console.log(JSON.stringify(point))
    }
    await memory.emulator.close()
    await durable.emulator.close()
    return { points, appendProbeMs: round(await appendProbe(dir, 600), 3), sample }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
