/**
 * Emulator throughput over real HTTP on loopback, against a bare node:http server answering the same
 * bytes, measured in the same run, at 16 connections. Scenarios: the billing read
 * (`GET /api/v1/customers/{id}/billing`), the usage-event write in memory, and the same write with a
 * data file (answered once its journal line is fdatasynced). The machine is shared, so the targets
 * run interleaved in rounds (order alternating per round) and every ratio is taken within a round;
 * results report each round and the range. Then the write cost from 0 to 100,000 stored events.
 * Load generator: autocannon in a child process. Writes results.json and results.md beside this file.
 *
 * Run: pnpm --filter flowglad-emulator bench   (env BENCH_DURATION=seconds per run, default 4;
 * BENCH_ROUNDS, default 3; BENCH_GROWTH=0 skips the stored-events part)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulator, type Emulator } from '../../packages/flowglad-emulator/src/index'
import { CHECKPOINTS, type GrowthResult, measureGrowth } from './growth'
import { AUTOCANNON_VERSION, autocannon, type Load, round, startBaseline } from './load'

const HERE = new URL('./', import.meta.url)
const DURATION_S = Number(process.env.BENCH_DURATION ?? 4)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const WARMUP_S = 1
const CONNECTIONS = 16

type Target = 'baseline' | 'emulator' | 'emulator, data file'
type Scenario = 'billing read' | 'usage-event write'

interface Run {
  round: number
  scenario: Scenario
  target: Target
  rps: number
  /** CPU time of this process (every server lives in it; autocannon does not) per answered request. */
  cpuUsPerRequest: number
  meanMs: number
  p99Ms: number
  total: number
  non2xx: number
  errors: number
}

/** A seeded emulator: one customer, its billing path and a usage-event body with a fresh id per request. */
async function seeded(dataFile?: string) {
  const emulator = await createEmulator({ listen: true, port: 0, ...(dataFile ? { dataFile } : {}) })
  const headers = { authorization: emulator.apiKey, 'content-type': 'application/json' }
  const api = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<string> => {
    const init: RequestInit = { method, headers }
    if (body !== undefined) init.body = JSON.stringify(body)
    const res = await fetch(`${emulator.url}${path}`, init)
    const text = await res.text()
    if (!res.ok) throw new Error(`seed ${method} ${path} -> ${res.status}: ${text}`)
    return text
  }
  const created = JSON.parse(
    await api('POST', '/api/v1/customers', {
      customer: { externalId: 'bench_user', email: 'bench@example.com', name: 'Bench' },
    }),
  ) as { data: { subscription: { id: string } } }
  const usageEvent = { subscriptionId: created.data.subscription.id, usageMeterSlug: 'api_calls', amount: 1 }
  return {
    emulator,
    headers,
    billingPath: '/api/v1/customers/bench_user/billing',
    billing: await api('GET', '/api/v1/customers/bench_user/billing'),
    usageBody: JSON.stringify({ usageEvent: { ...usageEvent, transactionId: 'bench-[<id>]' } }),
    usageResponse: await api('POST', '/api/v1/usage-events', {
      usageEvent: { ...usageEvent, transactionId: 'seed' },
    }),
  }
}

async function measure(load: Load): Promise<Omit<Run, 'round' | 'scenario' | 'target'>> {
  await autocannon(load, CONNECTIONS, WARMUP_S) // discarded: JIT and connection warm-up
  const cpu = process.cpuUsage()
  const r = await autocannon(load, CONNECTIONS, DURATION_S)
  const used = process.cpuUsage(cpu)
  return {
    rps: Math.round(r.requests.average),
    cpuUsPerRequest: round((used.user + used.system) / Math.max(r.requests.total, 1), 1),
    meanMs: round(r.latency.average),
    p99Ms: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'flowglad-bench-'))
  const memory = await seeded()
  const durable = await seeded(join(dir, 'state.json'))
  // The baseline answers byte-for-byte the same bodies, so a ratio is the emulator's own work.
  const baseline = await startBaseline({ GET: memory.billing, POST: memory.usageResponse })
  const runs: Run[] = []
  const load: Array<{ round: number; before: number; after: number }> = []
  const plan: Array<{ scenario: Scenario; target: Target; url: string; emulator?: Emulator }> = [
    { scenario: 'billing read', target: 'baseline', url: `${baseline.url}${memory.billingPath}` },
    { scenario: 'billing read', target: 'emulator', url: `${memory.emulator.url}${memory.billingPath}` },
    { scenario: 'usage-event write', target: 'baseline', url: `${baseline.url}/api/v1/usage-events` },
    { scenario: 'usage-event write', target: 'emulator', url: `${memory.emulator.url}/api/v1/usage-events` },
    {
      scenario: 'usage-event write',
      target: 'emulator, data file',
      url: `${durable.emulator.url}/api/v1/usage-events`,
    },
  ]
  for (let r = 0; r < ROUNDS; r++) {
    const before = loadavg()[0] ?? 0
    for (const step of r % 2 === 0 ? plan : [...plan].reverse()) {
      const write = step.scenario === 'usage-event write'
      const result = await measure({
        method: write ? 'POST' : 'GET',
        url: step.url,
        headers: step.target === 'emulator, data file' ? durable.headers : memory.headers,
        ...(write
          ? { body: step.target === 'emulator, data file' ? durable.usageBody : memory.usageBody }
          : {}),
      })
      runs.push({ round: r + 1, scenario: step.scenario, target: step.target, ...result })
      console.log(JSON.stringify(runs.at(-1)))
    }
    load.push({ round: r + 1, before: round(before), after: round(loadavg()[0] ?? 0) })
  }
  baseline.server.close()
  await memory.emulator.close()
  await durable.emulator.close()
  rmSync(dir, { recursive: true, force: true })
  const growth = process.env.BENCH_GROWTH === '0' ? undefined : await measureGrowth()
  report(runs, load, growth, { billingBytes: memory.billing.length, usageBytes: memory.usageResponse.length })
}

/**
 * Where the time went, and the figures before the changes: recorded by hand (profiles and a run of
 * this same script on the code before them), so they are kept in every results.md.
 */
const RECORDED = [
  '## Where the time went (CPU profiles, `profile.ts` + `profileSummary.mjs`), 2026-12-07',
  '',
  "Profiled at 16 connections before the changes (commit 6b019da), shares of the server process's samples:",
  '',
  '- **Billing read**: serialising the 28 KB answer 10.5% (`jsonResponse`: `JSON.stringify`; the pricing',
  '  model is in it twice, `pricingModel` and its alias `catalog`, 2 x 9 KB, and the current subscription',
  '  three times, 3 x 3 KB); the Web Request/Response adaptation ~10% (`new Request` with a body stream,',
  '  `Headers`, `new Response`, then `arrayBuffer()` back to bytes); the socket write (`writev`) 14%,',
  '  which the baseline pays too; routing 1.6% (`matchPath` split every route path per request);',
  '  the billing computation itself ~2%; validation and the request log under 1%. No state cloning.',
  '- **Usage-event write**: the Web Request/Response adaptation ~15% (`toRequest` 8.7%: body stream,',
  '  `Headers`, `Request`; `Response` + `arrayBuffer` 4%; `Request#text` 2%); random ids 2.8%',
  '  (one `getRandomValues` per id); zod 1.4%; the domain ~3%; routing 0.6%; request log negligible.',
  '- **Durable write**: each save serialised and fsynced the whole state (548 KB after a short run):',
  '  the cost grew with the data (31 ms per sequential write at 23 KB, 92 ms at 2.4 MB / 6,000 events).',
  '',
  'Changes: the node server answers `/api/*` from `IncomingMessage` to `res.end` with plain',
  '`ApiRequest`/`ApiReply` objects (no Web objects per request); answers reuse the JSON of stored',
  'objects unchanged since the last `store.changed()` and of repeats within one answer; routes are',
  'split once; ids draw random bytes in batches; the data file is an append-only journal.',
  '',
  'Second pass (profiled again after those changes, 05:30Z): in-process a billing read cost ~30 µs of',
  'which serialising still ~23% (every top-level value looked up in the JSON cache and spliced, and the',
  'subscription details rebuilt as fresh objects per read, so their JSON was never reused) and GC 28%;',
  'over HTTP the socket write dominated (`writev` ~25% of samples, the baseline pays it too: sending',
  'the same answer as pre-encoded bytes changed nothing measurable, so it is not encoding). Writes: the',
  'domain (`recordPrepared`) ~18%, GC ~17%, serialising the fresh answer into the JSON cache ~7%,',
  'zod ~4%, two `randomUUID` per answer for the tracing ids ~3%. Changes: subscription details are',
  'cached per subscription until `store.changed()`; an answer built from the same stored objects as the',
  'last one for its route (state unchanged) is the last JSON, found by comparing references (fresh',
  'arrays and objects element by element, 4 levels), not by serialising; writes are serialised plainly',
  '(a change empties the caches anyway); tracing ids come from a batched random pool; the request log',
  'is a ring of the last 10,000 entries (it grew without bound). A/B on the bench process, 4 interleaved',
  '3-s runs: billing read 98 → 64 µs CPU per request (baseline 32–35 µs).',
  '',
  'Third pass (2026-12-07, 07:40Z, usage-event write): profiled the domain in-process (a loop of',
  '`createUsageEvent`, bundled with esbuild so the profile has line numbers) and over HTTP (`profile.ts`',
  'write). In-process a write cost 13–20 µs of which ~40% was building the event object: `{ ...stamp,',
  '...11 more fields }` costs ~15 µs per object in V8 (a spread followed by added fields) against 0.3 µs',
  'written out, and it kept ~900 B per stored event (~440 B written out); GC ~40% of the rest. The linear',
  '`find`s of the previous profile (subscriptions, customers, meter balances) are cheap with one customer',
  'but grow with the data. Over HTTP, with the event built plainly, the write costs ~75 µs CPU per',
  'request against ~35 µs for the fixed-body server, and a stub API behind the same server ~36 µs:',
  'the rest is the API itself, measured in layers (body read + `JSON.parse` ~0, zod ~0–2 µs, the domain',
  '+18–24 µs, serialising the answer + tracing headers ~+12 µs; of the domain part ~8–10 µs goes away',
  'when the stored events are dropped, i.e. it is the cost of keeping every event on the heap).',
  'Changes: the event is built field by field (same key order, so the same bytes); the store answers',
  'lookups from indexes (`state/DataIndexes.ts`: customers by id and externalId, subscriptions by id',
  'and customer, items, meter balances by subscription + meter, usage events by id and transactionId,',
  'invoices, lines, purchases, payment methods) that follow the data by themselves (`RecordIndex.ts`:',
  'records pushed since the last lookup are indexed on the next one; a replaced array is re-indexed),',
  'so no write path can forget them; literal routes are matched by one map lookup; the route runs',
  'without two async layers; the request log tags the answer with its entry instead of a WeakMap entry',
  'per request; ids and trace ids are built as one flat string instead of 21/16 concatenations; an',
  'index group of one record is kept bare (no array per stored event): ~900 → ~380 B kept per event;',
  'the node server keeps its last 512 parsed request targets (`new URL` was ~3% of a write).',
  '',
  '## Before the changes (same script and machine, commit 6b019da, 2026-12-07T04:47Z, load average ~19)',
  '',
  '| ratio | min | median | max |',
  '|---|---:|---:|---:|',
  '| billing read, emulator / baseline (req/s) | 0.11 | 0.12 | 0.22 |',
  '| usage-event write (memory), emulator / baseline (req/s) | 0.11 | 0.15 | 0.17 |',
  '| durable usage-event write / memory-only write (req/s) | 0.16 | 0.29 | 0.33 |',
  '| billing read, CPU per request baseline / emulator | 0.05 | 0.08 | 0.10 |',
  '| usage-event write (memory), CPU per request | 0.09 | 0.12 | 0.12 |',
  '| usage-event write (data file), CPU per request | 0.02 | 0.02 | 0.04 |',
  '',
  'CPU per request then: billing read 411–743 µs (baseline 34–47), write 299–481 µs (baseline 35–41),',
  'durable write 814–2,494 µs. Durable write cost vs state (whole-state snapshots, earlier run):',
  '30.9 ms at 0 events, 81.2 ms at 2,000, 91.5 ms at 6,000 (2.97x).',
  '',
]

/**
 * Per-round ratios of one subject to one reference: req/s, or (`cpu`) the reference's CPU per
 * request over the subject's, the throughput ratio the server's own CPU cost allows.
 */
function ratios(runs: Run[], scenario: Scenario, subject: Target, reference: Target, cpu = false): number[] {
  const out: number[] = []
  for (let r = 1; r <= ROUNDS; r++) {
    const of = (target: Target) =>
      runs.find((x) => x.round === r && x.scenario === scenario && x.target === target)
    const a = of(subject)
    const b = of(reference)
    if (a && b) out.push(round(cpu ? b.cpuUsPerRequest / a.cpuUsPerRequest : a.rps / b.rps))
  }
  return out
}

const range = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return {
    min: sorted[0] ?? Number.NaN,
    median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  }
}

function report(
  runs: Run[],
  load: Array<{ round: number; before: number; after: number }>,
  growth: GrowthResult | undefined,
  sizes: { billingBytes: number; usageBytes: number },
): void {
  const environment = {
    node: process.version,
    cpus: availableParallelism(),
    autocannon: AUTOCANNON_VERSION,
    connections: CONNECTIONS,
    rounds: ROUNDS,
    durationSeconds: DURATION_S,
    warmupSeconds: WARMUP_S,
    ...sizes,
    at: new Date().toISOString(),
  }
  const goals = [
    {
      name: 'billing read, emulator / baseline',
      values: ratios(runs, 'billing read', 'emulator', 'baseline'),
      goal: 0.5,
    },
    {
      name: 'usage-event write (memory), emulator / baseline',
      values: ratios(runs, 'usage-event write', 'emulator', 'baseline'),
      goal: 0.5,
    },
    {
      name: 'durable usage-event write / memory-only write',
      values: ratios(runs, 'usage-event write', 'emulator, data file', 'emulator'),
      goal: 0.5,
    },
    {
      name: 'durable usage-event write / baseline',
      values: ratios(runs, 'usage-event write', 'emulator, data file', 'baseline'),
      goal: undefined,
    },
  ].map((g) => ({ ...g, ...range(g.values) }))
  const cpuGoals = [
    { name: 'billing read', values: ratios(runs, 'billing read', 'emulator', 'baseline', true) },
    {
      name: 'usage-event write (memory)',
      values: ratios(runs, 'usage-event write', 'emulator', 'baseline', true),
    },
    {
      name: 'usage-event write (data file)',
      values: ratios(runs, 'usage-event write', 'emulator, data file', 'baseline', true),
    },
    {
      // Req/s of a durable write is also bounded by fdatasync latency; this is its own CPU cost.
      name: 'usage-event write, data file vs memory (memory µs / data file µs)',
      values: ratios(runs, 'usage-event write', 'emulator, data file', 'emulator', true),
    },
  ].map((g) => ({ ...g, ...range(g.values) }))
  writeFileSync(
    new URL('results.json', HERE),
    `${JSON.stringify({ environment, goals, cpuGoals, runs, load, growth }, null, 2)}\n`,
  )
  const first = growth?.points[0]
  const md = [
    '# Emulator throughput (loopback HTTP)',
    '',
    `Generated by \`pnpm --filter flowglad-emulator bench\` (bench/emulator/run.ts) at ${environment.at}.`,
    `Node ${environment.node}, ${environment.cpus} CPUs shared with other jobs (1-minute load average per round below),`,
    `autocannon ${environment.autocannon} in a child process, ${CONNECTIONS} connections, ${DURATION_S}s per run after a ${WARMUP_S}s warm-up,`,
    `${ROUNDS} rounds; in each round every target runs once, in alternating order, and each ratio is taken`,
    'within one round. Baseline: a bare `node:http` server in the same process answering the same bytes',
    `(billing ${sizes.billingBytes} B, usage event ${sizes.usageBytes} B).`,
    '',
    '## Ratios (req/s), per round',
    '',
    '| ratio | goal | min | median | max | rounds |',
    '|---|---:|---:|---:|---:|---|',
    ...goals.map(
      (g) =>
        `| ${g.name} | ${g.goal === undefined ? '' : `≥ ${g.goal}`} | ${g.min} | ${g.median} | ${g.max} | ${g.values.join(', ')} |`,
    ),
    '',
    '## CPU per request, baseline / emulator, per round',
    '',
    'On a machine this loaded, req/s also measures how much CPU the bench got. The server CPU time per',
    'answered request (`process.cpuUsage()` of the bench process, which holds every server but not',
    'autocannon) is steadier: baseline µs/request over emulator µs/request is the throughput ratio',
    "the emulator's own cost allows.",
    '',
    '| scenario | min | median | max | rounds |',
    '|---|---:|---:|---:|---|',
    ...cpuGoals.map((g) => `| ${g.name} | ${g.min} | ${g.median} | ${g.max} | ${g.values.join(', ')} |`),
    '',
    '## Runs',
    '',
    '| round | scenario | target | req/s | CPU µs/request | mean ms | p99 ms | requests | non-2xx | errors |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.round} | ${r.scenario} | ${r.target} | ${r.rps} | ${r.cpuUsPerRequest} | ${r.meanMs} | ${r.p99Ms} | ${r.total} | ${r.non2xx} | ${r.errors} |`,
    ),
    '',
    'Load average (1 min) at the start and end of each round: ' +
      load.map((l) => `round ${l.round} ${l.before} → ${l.after}`).join('; ') +
      '.',
    '',
    ...RECORDED,
    ...(growth && first
      ? [
          `## Usage-event write cost vs stored events (in-process, sequential, ${growth.sample} writes per point)`,
          '',
          'Filled with bulk requests between checkpoints. `data file`: each write is answered once its journal',
          'line is fdatasynced; compaction runs in the background when the commits outgrow the snapshot.',
          '',
          'Medians over 6 interleaved samples: wall ms per write, and CPU µs per write (this process, its fs',
          "threads included). A durable write's wall time is mostly the disk's fdatasync latency, which other",
          "jobs' fsyncs on this shared disk make swing (see the floor below), so CPU per write is the figure that",
          "shows whether a write's own cost grows with the stored events.",
          '',
          '| stored events | memory ms/write | ratio to empty | memory CPU µs | ratio | data file ms/write | ratio to empty | data file CPU µs | ratio | data file size |',
          '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
          ...growth.points.map(
            (p) =>
              `| ${p.storedEvents} | ${p.memoryMs} | ${round(p.memoryMs / first.memoryMs)} | ${p.memoryCpuUs} | ${round(p.memoryCpuUs / first.memoryCpuUs)} | ${p.durableMs} | ${round(p.durableMs / first.durableMs)} | ${p.durableCpuUs} | ${round(p.durableCpuUs / first.durableCpuUs)} | ${Math.round(p.fileBytes / 1024)} KB |`,
          ),
          '',
          `Floor of a durable write on this disk: one append + fdatasync of a 600-byte line, ${growth.appendProbeMs} ms (median of 31).`,
          `Checkpoints: ${CHECKPOINTS.join(', ')}.`,
          '',
        ]
      : []),
  ].join('\n')
  writeFileSync(new URL('results.md', HERE), md)
  console.log(md)
}

await main()
