/**
 * The cost of durable state: the usage-event write over loopback HTTP against a bare baseline, the
 * emulator in memory only, and the emulator with a data file (each write answered once fsynced;
 * concurrent writes share one save), all in the same run. Also times one bare atomic save of the
 * final state file (temp + fsync + rename + folder fsync): the floor a durable write cannot beat;
 * and the sequential durable write cost as stored state grows.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { open, rename } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulator, type Emulator } from '../../packages/flowglad-emulator/src/index'
import { autocannon, round, startBaseline } from './load'

/** Which server answered. */
export type DurabilityMode = 'baseline' | 'memory' | 'data file'

/** One measured run of the write scenario. */
export interface DurabilityRow {
  mode: DurabilityMode
  connections: number
  rps: number
  meanMs: number
  p50Ms: number
  p99Ms: number
  total: number
  non2xx: number
  errors: number
  /** Size of the state file when the run ended (data file mode). */
  stateBytes?: number
}

/** Sequential durable write cost once `storedEvents` events exist. */
export interface DurableGrowthPoint {
  storedEvents: number
  stateBytes: number
  writeMs: number
}

/** Everything this part of the bench reports. */
export interface DurabilityResult {
  rows: DurabilityRow[]
  growth: DurableGrowthPoint[]
  /** Median ms of one bare atomic save of the final state file, and that file's size. */
  saveProbe: { ms: number; bytes: number }
}

const CONNECTIONS = [1, 16] as const

/** An emulator with one customer; returns the write's body template (a fresh transactionId per request). */
async function seeded(emulator: Emulator): Promise<{ body: string; response: string }> {
  const headers = { authorization: emulator.apiKey, 'content-type': 'application/json' }
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${emulator.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
    const text = await res.text()
    if (!res.ok) throw new Error(`seed ${path} -> ${res.status}: ${text}`)
    return text
  }
  const created = JSON.parse(
    await post('/api/v1/customers', {
      customer: { externalId: 'durable', email: 'durable@example.com', name: 'Durable' },
    }),
  ) as { data: { subscription: { id: string } } }
  const usageEvent = { subscriptionId: created.data.subscription.id, usageMeterSlug: 'api_calls', amount: 1 }
  const response = await post('/api/v1/usage-events', {
    usageEvent: { ...usageEvent, transactionId: 'seed' },
  })
  return { body: JSON.stringify({ usageEvent: { ...usageEvent, transactionId: 'w-[<id>]' } }), response }
}

/** What the emulator does per save, without the emulator: temp, write, fsync, rename, fsync the folder. */
async function atomicSave(file: string, text: string): Promise<void> {
  const temp = `${file}.probe.tmp`
  const handle = await open(temp, 'w')
  await handle.writeFile(text, 'utf8')
  await handle.sync()
  await handle.close()
  await rename(temp, file)
  const folder = await open(join(file, '..'), 'r')
  await folder.sync()
  await folder.close()
}

async function probeSave(dir: string, text: string): Promise<number> {
  const file = join(dir, 'probe.json')
  const times: number[] = []
  for (let i = 0; i < 15; i++) {
    const started = performance.now()
    await atomicSave(file, text)
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN
}

/** Runs the write scenario against each mode at 1 and 16 connections; each emulator starts empty. */
export async function measureDurability(options: {
  durationS: number
  warmupS: number
}): Promise<DurabilityResult> {
  const dir = mkdtempSync(join(tmpdir(), 'flowglad-bench-durability-'))
  const rows: DurabilityRow[] = []
  let lastState = ''
  try {
    for (const connections of CONNECTIONS) {
      for (const mode of ['baseline', 'memory', 'data file'] as const) {
        const dataFile = join(dir, `state-${connections}.json`)
        const emulator = await createEmulator({
          listen: true,
          port: 0,
          ...(mode === 'data file' ? { dataFile } : {}),
        })
        const { body, response } = await seeded(emulator)
        const baseline =
          mode === 'baseline' ? await startBaseline({ GET: response, POST: response }) : undefined
        const url = `${baseline?.url ?? emulator.url}/api/v1/usage-events`
        const load = {
          method: 'POST' as const,
          url,
          headers: { authorization: emulator.apiKey, 'content-type': 'application/json' },
          body,
        }
        await autocannon(load, connections, options.warmupS)
        const r = await autocannon(load, connections, options.durationS)
        baseline?.server.close()
        await emulator.close()
        const row: DurabilityRow = {
          mode,
          connections,
          rps: Math.round(r.requests.average),
          meanMs: round(r.latency.average),
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          total: r.requests.total,
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
          ...(mode === 'data file' ? { stateBytes: statSync(dataFile).size } : {}),
        }
        if (mode === 'data file') lastState = readFileSync(dataFile, 'utf8')
        rows.push(row)
        console.log(JSON.stringify(row))
      }
    }
    const saveProbe = { ms: round(await probeSave(dir, lastState)), bytes: Buffer.byteLength(lastState) }
    console.log(JSON.stringify({ saveProbe }))
    return { rows, growth: await measureDurableGrowth(join(dir, 'growth.json')), saveProbe }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Whether a durable write gets slower as state grows (each save writes the whole state): sequential
 * in-process writes with a data file, 50 per sample, at 0, 2,000 and 6,000 stored events (filled in
 * bulk requests of 500, one save each).
 */
async function measureDurableGrowth(dataFile: string): Promise<DurableGrowthPoint[]> {
  const emulator = await createEmulator({ listen: false, dataFile })
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
  const event = (n: number) => ({
    subscriptionId: created.data.subscription.id,
    usageMeterSlug: 'api_calls',
    amount: 1,
    transactionId: `g-${n}`,
  })
  let stored = 0
  const points: DurableGrowthPoint[] = []
  for (const checkpoint of [0, 2000, 6000]) {
    while (stored < checkpoint) {
      const count = Math.min(500, checkpoint - stored)
      await post('/api/v1/usage-events/bulk', {
        usageEvents: Array.from({ length: count }, (_, i) => event(stored + i)),
      })
      stored += count
    }
    const sample = 50
    const started = performance.now()
    for (let i = 0; i < sample; i++) await post('/api/v1/usage-events', { usageEvent: event(stored++) })
    points.push({
      storedEvents: checkpoint,
      stateBytes: statSync(dataFile).size,
      writeMs: round((performance.now() - started) / sample),
    })
    console.log(JSON.stringify(points.at(-1)))
  }
  await emulator.close()
  return points
}

/** The results.md section for this part. */
export function durabilityMarkdown(result: DurabilityResult): string[] {
  const find = (mode: DurabilityMode, connections: number) =>
    result.rows.find((r) => r.mode === mode && r.connections === connections)
  return [
    '## Durable state: usage-event write with a data file (loopback HTTP, same run)',
    '',
    'Each mode starts from an empty emulator. `data file`: every write is answered only once it is on',
    'disk (whole-state snapshot: temp + fsync + rename + folder fsync; writes that arrive while a save',
    'runs share the next one). `memory`: no data file. Ratios are against `memory` and the baseline',
    'at the same connection count.',
    '',
    '| conns | mode | req/s | mean ms | p50 ms | p99 ms | requests | non-2xx | errors | state file | req/s vs memory | req/s vs baseline |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...result.rows.map((r) => {
      const memory = find('memory', r.connections)
      const baseline = find('baseline', r.connections)
      const ratio = (other: DurabilityRow | undefined) => (other ? String(round(r.rps / other.rps)) : '')
      const size = r.stateBytes === undefined ? '' : `${Math.round(r.stateBytes / 1024)} KB`
      return `| ${r.connections} | ${r.mode} | ${r.rps} | ${r.meanMs} | ${r.p50Ms} | ${r.p99Ms} | ${r.total} | ${r.non2xx} | ${r.errors} | ${size} | ${ratio(memory)} | ${ratio(baseline)} |`
    }),
    '',
    `One bare atomic save of the final ${Math.round(result.saveProbe.bytes / 1024)} KB state file, no emulator: ${result.saveProbe.ms} ms (median of 15).`,
    '',
    '### Durable write cost vs stored events (in-process, sequential, data file)',
    '',
    '| stored events | state file | ms per write | ratio to empty store |',
    '|---:|---:|---:|---:|',
    ...result.growth.map(
      (g) =>
        `| ${g.storedEvents} | ${Math.round(g.stateBytes / 1024)} KB | ${g.writeMs} | ${round(g.writeMs / (result.growth[0]?.writeMs ?? g.writeMs))} |`,
    ),
    '',
  ]
}
