/**
 * Flowglad's mock services with a Trigger.dev that runs: a drop-in for the oracle's
 * `packages/mock-server` (ports 9001–9006) that serves Svix, Unkey, Redis, Resend and R2 with the
 * mock-server's own route handlers, and answers Trigger.dev (9003) by running Flowglad's own task
 * code from `src/trigger/`, the way a Trigger.dev worker would:
 *
 * - `POST /api/v1/tasks/{id}/trigger` records a run (`run_…`), answers at once, then imports the
 *   task's file, takes its `run` function from Trigger's resource catalog and calls it with the
 *   deserialised payload, in the Next server's environment (same database, same mocks). A failed
 *   run is retried twice (Trigger's default retry), then marked `FAILED`. Runs go one at a time.
 * - `GET /realtime/v1/runs/{id}` answers the Electric shape stream that `runs.subscribeToRun`
 *   reads (an immediate prorated adjust waits on it), long-polling until the run changes.
 * - `GET /api/v3/runs/{id}` (`runs.retrieve`) answers the run's status.
 *
 * Run with bun from anywhere: `bun scripts/oracle/task-runner.ts <oracle dir>` (what
 * `scripts/oracle/task-runner.sh` does). Nothing under the oracle dir is modified.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const ORACLE_DIR = process.argv[2] ?? '/tmp/flowglad-oracle'
const SRC = join(ORACLE_DIR, 'src')
const APP = join(SRC, 'platform/flowglad-next')
const MOCKS = join(SRC, 'packages/mock-server/src')

type RunStatus = 'PENDING' | 'EXECUTING' | 'COMPLETED_SUCCESSFULLY' | 'COMPLETED_WITH_ERRORS'
interface Run {
  id: string
  taskIdentifier: string
  status: RunStatus
  payload: string
  payloadType: string
  idempotencyKey: string | null
  createdAt: Date
  updatedAt: Date
  startedAt: Date | null
  completedAt: Date | null
  attempts: number
  error: string | null
  version: number
}

const runs = new Map<string, Run>()
const byIdempotencyKey = new Map<string, string>()
const waiters = new Set<() => void>()
const log = (...parts: unknown[]) => console.log(`[task-runner ${new Date().toISOString()}]`, ...parts)

/** The Next server's environment, so task code reaches the same database and mocks. */
function loadNextEnvironment(): void {
  const pid = readFileSync(join(ORACLE_DIR, 'run/next.pid'), 'utf8').trim()
  for (const entry of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
    const at = entry.indexOf('=')
    if (at > 0) process.env[entry.slice(0, at)] = entry.slice(at + 1)
  }
}

/** Task id → file, read from the `task({ id: '…' })` / `schemaTask` declarations in src/trigger. */
function taskFiles(): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const text = readFileSync(path, 'utf8')
        for (const match of text.matchAll(/(?:task|schemaTask)\(\{\s*id:\s*['"`]([^'"`]+)['"`]/g)) {
          files.set(match[1] as string, path)
        }
      }
    }
  }
  walk(join(APP, 'src/trigger'))
  return files
}

type TaskRun = (payload: unknown, params: unknown) => Promise<unknown>
let trigger:
  | {
      files: Map<string, string>
      catalog: { getTask(id: string): { fns: { run: TaskRun } } | undefined }
      parsePacket: (packet: { data: string; dataType: string }) => Promise<unknown>
    }
  | undefined

/** Loads Trigger's catalog once, on the first run (the task code is heavy; the mocks are not). */
async function triggerRuntime() {
  if (trigger) return trigger
  loadNextEnvironment()
  const core = await import(Bun.resolveSync('@trigger.dev/core/v3', APP))
  const workers = await import(Bun.resolveSync('@trigger.dev/core/v3/workers', APP))
  core.resourceCatalog.setGlobalResourceCatalog(new workers.StandardResourceCatalog())
  trigger = { files: taskFiles(), catalog: core.resourceCatalog, parsePacket: core.parsePacket }
  log(`${trigger.files.size} tasks found in src/trigger`)
  return trigger
}

async function taskFunction(taskIdentifier: string): Promise<TaskRun> {
  const runtime = await triggerRuntime()
  let found = runtime.catalog.getTask(taskIdentifier)
  if (!found) {
    const file = runtime.files.get(taskIdentifier)
    if (!file) throw new Error(`no task with id ${taskIdentifier} in src/trigger`)
    runtime.catalog.setCurrentFileContext?.(file, file)
    await import(file)
    found = runtime.catalog.getTask(taskIdentifier)
  }
  if (!found) throw new Error(`task ${taskIdentifier} did not register`)
  return found.fns.run
}

function changed(run: Run, patch: Partial<Run>): void {
  Object.assign(run, patch, { updatedAt: new Date(), version: run.version + 1 })
  for (const wake of [...waiters]) wake()
}

let queue = Promise.resolve()
const MAX_ATTEMPTS = 3
// A task whose record is not there yet (Flowglad triggers inside the caller's transaction; under
// load its commit can come seconds later) gets more attempts, spaced 1, 2, 4, 8 s: what Trigger's
// own latency and backoff (trigger.config.ts: 1-10 s) give it in production.
const MAX_ATTEMPTS_NOT_FOUND = 5
const notYetCommitted = (message: string) => /NotFoundError: No [a-z ]+ found with id/.test(message)

/**
 * Flowglad's billing cron (`attempt-billing-runs`) attempts every scheduled billing run that is due,
 * an adjustment's included (`selectBillingRunsDueForExecution`, billingRunMethods.ts, does not exclude
 * them), and without the adjustment's parameters: `executeBillingRun` then panics ("Adjustment
 * billing run … requires adjustmentParams") and the run ends FAILED while the adjust call waits on
 * its own task, which then finds it no longer scheduled: the adjust answers a 500. In production the
 * cron is hourly and the window one moment; the conformance harness runs the cron after every
 * subscription checkout, in parallel test files, so under load it hit another file's adjustment.
 * Such an attempt is left to the adjustment's own task (which carries the parameters).
 */
function leftToItsOwnTask(taskIdentifier: string, payload: unknown): boolean {
  if (taskIdentifier !== 'attempt-billing-run') return false
  const { billingRun, adjustmentParams } = (payload ?? {}) as {
    billingRun?: { isAdjustment?: boolean }
    adjustmentParams?: unknown
  }
  return billingRun?.isAdjustment === true && adjustmentParams === undefined
}

async function execute(run: Run): Promise<void> {
  const runtime = await triggerRuntime()
  const fn = await taskFunction(run.taskIdentifier)
  const payload = await runtime.parsePacket({ data: run.payload, dataType: run.payloadType })
  if (leftToItsOwnTask(run.taskIdentifier, payload)) {
    changed(run, { status: 'COMPLETED_SUCCESSFULLY', startedAt: new Date(), completedAt: new Date() })
    log(`${run.id} ${run.taskIdentifier} skipped: an adjustment's billing run, left to its own task`)
    return
  }
  if (run.attempts === 0) changed(run, { status: 'EXECUTING', startedAt: new Date() })
  run.attempts += 1
  const ctx = {
    run: {
      id: run.id,
      tags: [],
      isTest: false,
      createdAt: run.createdAt,
      idempotencyKey: run.idempotencyKey,
    },
    attempt: { number: run.attempts, id: `attempt_${run.id}_${run.attempts}` },
    task: { id: run.taskIdentifier },
    environment: { type: 'DEVELOPMENT', slug: 'dev' },
  }
  try {
    await fn(payload, { ctx, signal: new AbortController().signal })
    changed(run, { status: 'COMPLETED_SUCCESSFULLY', completedAt: new Date() })
    log(`${run.id} ${run.taskIdentifier} completed (attempt ${run.attempts})`)
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
    log(`${run.id} ${run.taskIdentifier} attempt ${run.attempts} failed: ${message}`)
    const maxAttempts = notYetCommitted(message) ? MAX_ATTEMPTS_NOT_FOUND : MAX_ATTEMPTS
    if (run.attempts >= maxAttempts) {
      changed(run, { status: 'COMPLETED_WITH_ERRORS', completedAt: new Date(), error: message })
      return
    }
    // The next attempt waits off the queue: a run waiting for its record to commit holds up no other.
    setTimeout(() => enqueue(run), 1000 * 2 ** (run.attempts - 1))
  }
}

function enqueue(run: Run): void {
  // A trigger is often sent inside the caller's database transaction: give it time to commit.
  queue = queue
    .then(() => Bun.sleep(300))
    .then(() => execute(run))
    .catch((error) => {
      log(`${run.id} ${run.taskIdentifier} could not start: ${error}`)
      changed(run, { status: 'COMPLETED_WITH_ERRORS', completedAt: new Date(), error: String(error) })
    })
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

interface TriggerBody {
  payload?: string
  options?: { payloadType?: string; idempotencyKey?: string }
}

async function triggerTask(taskIdentifier: string, req: Request): Promise<Response> {
  const body = (await req.json().catch(() => ({}))) as TriggerBody
  const { id, isCached } = createRun(taskIdentifier, body)
  return json({ id, isCached })
}

/** Records a run (or finds the one with the same idempotency key) and queues it. */
function createRun(taskIdentifier: string, body: TriggerBody): { id: string; isCached: boolean } {
  const key = body.options?.idempotencyKey ?? null
  const cached = key ? byIdempotencyKey.get(`${taskIdentifier}:${key}`) : undefined
  if (cached) return { id: cached, isCached: true }
  const now = new Date()
  const run: Run = {
    id: `run_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`,
    taskIdentifier,
    status: 'PENDING',
    payload: body.payload ?? 'null',
    payloadType: body.options?.payloadType ?? 'application/json',
    idempotencyKey: key,
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    completedAt: null,
    attempts: 0,
    error: null,
    version: 0,
  }
  runs.set(run.id, run)
  if (key) byIdempotencyKey.set(`${taskIdentifier}:${key}`, run.id)
  log(`${run.id} ${taskIdentifier} triggered`)
  enqueue(run)
  return { id: run.id, isCached: false }
}

/** `batchTrigger` in SDK 4.3: create a batch, then stream its items as NDJSON. */
async function batchItems(batchId: string, req: Request): Promise<Response> {
  const lines = (await req.text()).split('\n').filter((line) => line.trim() !== '')
  for (const line of lines) {
    const item = JSON.parse(line) as { task: string } & TriggerBody
    createRun(item.task, item)
  }
  return json({ id: batchId, itemsAccepted: lines.length, itemsDeduplicated: 0, sealed: true })
}

/** A run as a row of Trigger's TaskRun table, the shape `SubscribeRunRawShape` parses. */
function shapeRow(run: Run) {
  const date = (value: Date | null) => (value ? value.toISOString().replace(/Z$/, '') : null)
  return {
    id: run.id,
    friendlyId: run.id,
    taskIdentifier: run.taskIdentifier,
    status: run.status,
    createdAt: date(run.createdAt),
    updatedAt: date(run.updatedAt),
    startedAt: date(run.startedAt),
    delayUntil: null,
    queuedAt: date(run.createdAt),
    expiredAt: null,
    completedAt: date(run.completedAt),
    idempotencyKey: run.idempotencyKey,
    number: 1,
    isTest: false,
    usageDurationMs: 0,
    costInCents: 0,
    baseCostInCents: 0,
    ttl: null,
    payload: run.payload,
    payloadType: run.payloadType,
    metadata: null,
    metadataType: null,
    output: null,
    outputType: null,
    runTags: [],
    error: run.error ? { type: 'STRING_ERROR', raw: run.error } : null,
    realtimeStreams: [],
  }
}

const TERMINAL = new Set<RunStatus>(['COMPLETED_SUCCESSFULLY', 'COMPLETED_WITH_ERRORS'])

/** Electric's shape protocol, as much as `@electric-sql/client`'s ShapeStream needs for one row. */
async function realtimeRun(id: string, url: URL): Promise<Response> {
  const run = runs.get(id)
  if (!run) return json({ error: 'Run not found' }, 404)
  const live = url.searchParams.get('live') === 'true'
  const since = Number((url.searchParams.get('offset') ?? '-1').split('_')[0])
  if (live && run.version <= since && !TERMINAL.has(run.status)) {
    await new Promise<void>((resolve) => {
      const wake = () => {
        waiters.delete(wake)
        resolve()
      }
      waiters.add(wake)
      setTimeout(wake, 20_000)
    })
  }
  const headers: Record<string, string> = {
    'electric-handle': `handle_${run.id}`,
    'electric-offset': `${run.version}_0`,
    'electric-up-to-date': '',
    'electric-cursor': String(Date.now()),
  }
  if (!live) headers['electric-schema'] = '{}'
  const messages: unknown[] = []
  if (!live || run.version > since) {
    messages.push({
      key: `"public"."TaskRun"/"${run.id}"`,
      value: shapeRow(run),
      headers: { operation: live ? 'update' : 'insert' },
    })
  }
  messages.push({ headers: { control: 'up-to-date' } })
  return json(messages, 200, headers)
}

const API_STATUS: Record<RunStatus, string> = {
  PENDING: 'QUEUED',
  EXECUTING: 'EXECUTING',
  COMPLETED_SUCCESSFULLY: 'COMPLETED',
  COMPLETED_WITH_ERRORS: 'FAILED',
}

async function handleTrigger(req: Request, pathname: string): Promise<Response | null> {
  const url = new URL(req.url)
  const triggerMatch = pathname.match(/^\/api\/v1\/tasks\/([^/]+)\/trigger$/)
  if (req.method === 'POST' && triggerMatch)
    return triggerTask(decodeURIComponent(triggerMatch[1] as string), req)
  if (req.method === 'POST' && pathname === '/api/v3/batches') {
    const { runCount } = (await req.json().catch(() => ({}))) as { runCount?: number }
    return json({
      id: `batch_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`,
      runCount: runCount ?? 0,
      isCached: false,
    })
  }
  const batch = pathname.match(/^\/api\/v3\/batches\/([^/]+)\/items$/)
  if (req.method === 'POST' && batch) return batchItems(batch[1] as string, req)
  const realtime = pathname.match(/^\/realtime\/v1\/runs\/([^/]+)$/)
  if (req.method === 'GET' && realtime) return realtimeRun(realtime[1] as string, url)
  const retrieve = pathname.match(/^\/api\/v3\/runs\/([^/]+)$/)
  if (req.method === 'GET' && retrieve) {
    const run = runs.get(retrieve[1] as string)
    if (!run) return json({ error: 'Run not found' }, 404)
    return json({
      id: run.id,
      status: API_STATUS[run.status],
      taskIdentifier: run.taskIdentifier,
      createdAt: run.createdAt,
      updatedAt: run.updatedAt,
      isTest: false,
      tags: [],
      attempts: [],
    })
  }
  if (req.method === 'GET' && pathname === '/runs') return json([...runs.values()].map(shapeRow))
  log(`unhandled ${req.method} ${pathname}`)
  return null
}

type RouteHandler = (req: Request, pathname: string) => Response | null | Promise<Response | null>
const routes = async (file: string, name: string): Promise<RouteHandler> =>
  (await import(join(MOCKS, 'routes', file)))[name] as RouteHandler
const { handleHealth } = await import(join(MOCKS, 'routes/health.ts'))

const services: Array<[number, string, RouteHandler]> = [
  [9001, 'svix', await routes('svix.ts', 'handleSvixRoute')],
  [9002, 'unkey', await routes('unkey.ts', 'handleUnkeyRoute')],
  [9003, 'trigger', handleTrigger],
  [9004, 'redis', await routes('redis.ts', 'handleRedisRoute')],
  [9005, 'resend', await routes('resend.ts', 'handleResendRoute')],
  [9006, 'cloudflare', await routes('cloudflare.ts', 'handleCloudflareRoute')],
]

for (const [port, name, handler] of services) {
  Bun.serve({
    port,
    idleTimeout: 60,
    async fetch(req) {
      const { pathname } = new URL(req.url)
      if (pathname === '/health') return handleHealth(name)
      const answer = await handler(req, pathname)
      return (
        answer ??
        json({ error: 'Not Found', message: `Route ${pathname} not found on ${name} mock server` }, 404)
      )
    },
  })
  log(`${name} on http://localhost:${port}`)
}
