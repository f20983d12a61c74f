import { fileURLToPath } from 'node:url'
import { EdgeRuntime } from 'edge-runtime'
import { build } from 'esbuild'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// `flowglad-trpc/server` on a real edge runtime (Vercel's `edge-runtime`: a V8 context with only
// Web APIs). The app's route is bundled for a Web-only platform, so an import of a Node built-in on
// the request path fails the bundle, then it serves a billing read, a checkout and a spend against
// the emulator over HTTP.

let emulator: Emulator
let runtime: EdgeRuntime

beforeAll(async () => {
  emulator = await createEmulator({ listen: true })
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./edgeApp.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    conditions: ['edge-light', 'worker', 'browser', 'import', 'default'],
    define: {
      FLOWGLAD_SECRET_KEY: JSON.stringify(emulator.apiKey),
      FLOWGLAD_BASE_URL: JSON.stringify(emulator.url),
      'process.env.NODE_ENV': '"production"',
    },
    // Only reached without a key (development): the in-process emulator is Node's, never the edge's.
    external: ['flowglad-emulator'],
    logLevel: 'silent',
  })
  runtime = new EdgeRuntime({
    initialCode: bundle.outputFiles[0]!.text,
    // Vercel's and Next.js's edge runtimes give functions a `process` with `env` (no Node APIs);
    // `@flowglad/node` reads it to name the runtime in its headers.
    extend: (context) => Object.assign(context, { process: { env: {} } }),
  })
}, 120_000)
afterAll(async () => {
  await emulator?.close()
})

async function call(path: string, user: string, init?: { input?: unknown; method?: 'GET' | 'POST' }) {
  const method = init?.method ?? 'GET'
  const input = init?.input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(init.input))}`
  const response = await runtime.dispatchFetch(
    `https://app.test/api/trpc/${path}${method === 'GET' ? input : ''}`,
    {
      method,
      headers: { 'x-user': user, 'content-type': 'application/json' },
      ...(method === 'POST' ? { body: JSON.stringify(init?.input ?? {}) } : {}),
    },
  )
  await response.waitUntil()
  return {
    status: response.status,
    body: (await response.json()) as { result?: { data: unknown }; error?: unknown },
  }
}

describe('flowglad-trpc/server on an edge runtime', () => {
  it('serves a billing read', async () => {
    const { status, body } = await call('flowglad.billing.get', 'edge-user-1')
    expect(status).toBe(200)
    const billing = body.result?.data as { customer: { externalId: string } } | undefined
    expect(billing?.customer.externalId).toBe('edge-user-1')
  })

  it('creates a checkout session', async () => {
    const { status, body } = await call('flowglad.checkout.create', 'edge-user-2', {
      method: 'POST',
      input: {
        priceSlug: 'pro_monthly',
        successUrl: 'https://app.test/ok',
        cancelUrl: 'https://app.test/no',
      },
    })
    expect(status).toBe(200)
    expect((body.result?.data as { url: string } | undefined)?.url).toMatch(/^http/)
  })

  it('spends through the metering middleware with a store, once per key', async () => {
    const spend = (key: string) =>
      call('callApi', 'edge-user-3', { method: 'POST', input: { calls: 5, idempotencyKey: key } })
    expect((await spend('k1')).status).toBe(200)
    const { body } = await call('flowglad.usageMeters.balances', 'edge-user-3')
    const meters = (
      body.result?.data as { usageMeterBalances?: { slug: string; availableBalance: number }[] } | undefined
    )?.usageMeterBalances
    expect(meters?.find((meter) => meter.slug === 'api_calls')?.availableBalance).toBe(95)
    expect((await spend('k1')).status).toBe(409) // the same key again: refused, not run or charged twice
  })
})
