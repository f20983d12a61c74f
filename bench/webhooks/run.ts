/**
 * Webhook delivery latency: from the emulator's write (the moment the event is created inside the
 * API call) to the moment the app's handler runs, over real HTTP on loopback. Two targets measured
 * in the same run, one after the other, with the same emulator and server:
 *   - baseline: the endpoint answers 204 without verifying (a bare node:http handler);
 *   - receiver: the endpoint is `createFlowgladWebhookHandler` (signature check, parse, dedupe,
 *     cache counters, handler) behind a minimal fetch adapter.
 * Each sample is one `POST /api/v1/customers` (two events: customer.created, subscription.created);
 * the latency of each event is measured. Writes results.json and results.md beside this file.
 *
 * Run: node --import tsx bench/webhooks/run.ts   (env BENCH_EVENTS, default 400 customers)
 */
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createEmulator } from '../../packages/flowglad-emulator/src/index'
import { createFlowgladWebhookHandler } from '../../packages/flowglad-trpc/src/webhooks/index'

const HERE = new URL('./', import.meta.url)
const CUSTOMERS = Number(process.env.BENCH_EVENTS ?? 400)
const WARMUP = 30
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

/** Created-at (ms, real time) of each message, as the emulator's delivery log says. */
type Sink = (messageId: string, handledAt: number) => void

async function startServer(mode: 'baseline' | 'receiver', sink: Sink) {
  const receiver = createFlowgladWebhookHandler({
    secret: SECRET,
    on: {
      'customer.created': (event) => sink(event.id, performance.timeOrigin + performance.now()),
      'subscription.created': (event) => sink(event.id, performance.timeOrigin + performance.now()),
    },
  })
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', async () => {
      if (mode === 'baseline') {
        sink(String(req.headers['svix-id']), performance.timeOrigin + performance.now())
        res.statusCode = 204
        return res.end()
      }
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers.set(name, value)
      const response = await receiver(
        new Request('http://127.0.0.1/hooks', { method: 'POST', headers, body: Buffer.concat(chunks) }),
      )
      res.statusCode = response.status
      res.end(await response.text())
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/hooks`, close: () => new Promise((r) => server.close(r)) }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
const round = (n: number) => Math.round(n * 100) / 100

async function measure(mode: 'baseline' | 'receiver') {
  const handled = new Map<string, number>()
  const server = await startServer(mode, (id, at) => handled.set(id, at))
  const emulator = await createEmulator({ webhooks: { endpoints: [server.url], secret: SECRET } })
  const latencies: number[] = []
  for (let i = 0; i < WARMUP + CUSTOMERS; i++) {
    const response = await fetch(`${emulator.url}/api/v1/customers`, {
      method: 'POST',
      headers: { authorization: emulator.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        customer: { externalId: `bench_${mode}_${i}`, email: 'b@example.com', name: 'B' },
      }),
    })
    if (!response.ok) throw new Error(`create customer: ${response.status}`)
    await emulator.webhooks.idle()
    if (i < WARMUP) continue
    for (const delivery of emulator.webhooks.deliveries().slice(0, 2)) {
      const at = handled.get(delivery.messageId)
      if (at === undefined || delivery.status !== 'succeeded')
        throw new Error(`${mode}: ${delivery.messageId} not handled`)
      latencies.push(at - delivery.createdAt)
    }
  }
  await emulator.close()
  await server.close()
  const sorted = latencies.sort((a, b) => a - b)
  return {
    mode,
    events: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
  }
}

const baseline = await measure('baseline')
const receiver = await measure('receiver')
const result = {
  date: new Date().toISOString(),
  node: process.version,
  baseline,
  receiver,
  ratio: { p50: round(receiver.p50Ms / baseline.p50Ms), p99: round(receiver.p99Ms / baseline.p99Ms) },
}
writeFileSync(new URL('results.json', HERE), `${JSON.stringify(result, null, 2)}\n`)
writeFileSync(
  new URL('results.md', HERE),
  `# Webhook delivery latency (emulator write → handler)

${result.date}, Node ${result.node}, loopback HTTP, ${receiver.events} events per target, sequential.
Measured from the event's creation inside the emulator's API call to the handler running.

| target | p50 ms | p99 ms |
|---|---|---|
| baseline (bare node:http endpoint, no verification) | ${baseline.p50Ms} | ${baseline.p99Ms} |
| \`createFlowgladWebhookHandler\` (verify, parse, dedupe, counters, handler) | ${receiver.p50Ms} | ${receiver.p99Ms} |
| ratio receiver / baseline | ${result.ratio.p50} | ${result.ratio.p99} |
`,
)
console.log(JSON.stringify(result, null, 2))
