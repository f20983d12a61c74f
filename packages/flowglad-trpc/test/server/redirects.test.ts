import { TRPCClientError } from '@trpc/client'
import { createEmulator, type Emulator } from 'flowglad-emulator'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFlowglad } from '../../src/server'
import { type AppRouter, createTestApp, type TestApp, testUser } from '../support/createTestApp'

// Checkout redirect targets, through the real fetch-adapter handler with superjson (createClient).

let emulator: Emulator
const apps: TestApp[] = []
async function app(flowglad: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  const created = await createTestApp({ emulator, ...flowglad })
  apps.push(created)
  return created
}
beforeAll(async () => {
  emulator = await createEmulator({ listen: false })
})
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()))
  await emulator.close()
})
beforeEach(() => emulator.control.clearRequests())

const ok = { successUrl: 'https://app.test/s', cancelUrl: 'https://app.test/c' }

/** Runs `checkout.create` over HTTP and returns the tRPC error (or fails when it succeeds). */
async function checkoutError(target: TestApp, urls: { successUrl: string; cancelUrl: string }) {
  const error = await target
    .createClient(testUser())
    .flowglad.checkout.create.mutate({ priceSlug: 'pro_monthly', ...urls })
    .then(
      () => undefined,
      (e: unknown) => e,
    )
  expect(error).toBeInstanceOf(TRPCClientError)
  return error as TRPCClientError<AppRouter>
}

const notHttp = [
  'javascript:alert(document.cookie)',
  'JavaScript://app.test/%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://app.test/s',
  'blob:https://app.test/0f6c',
  'https://user:secret@app.test/s',
  '//evil.test/s',
  '/s',
]

describe('checkout redirect targets under the default options (no allowed origins)', () => {
  it.each(notHttp)('refuses %s as successUrl or cancelUrl: HTTP 400, zero upstream requests', async (url) => {
    const target = await app()
    for (const urls of [
      { ...ok, successUrl: url },
      { ...ok, cancelUrl: url },
    ]) {
      const error = await checkoutError(target, urls)
      expect(error.data).toMatchObject({ httpStatus: 400, code: 'BAD_REQUEST' })
      expect(error.data?.zodIssues).toContain('Must be an absolute http(s) URL without credentials')
    }
    await expect(
      target
        .createClient(testUser())
        .flowglad.checkout.createAddPaymentMethod.mutate({ ...ok, successUrl: url }),
    ).rejects.toMatchObject({ data: { httpStatus: 400 } })
    expect(emulator.control.requests()).toEqual([])
  })

  it('forwards the normalised URL, not the raw string', async () => {
    const target = await app()
    const session = await target.createClient(testUser()).flowglad.checkout.create.mutate({
      priceSlug: 'pro_monthly',
      successUrl: '  HTTPS://App.Test:443/a/../done?x=1#top',
      cancelUrl: 'http://app.test\t/c\n',
    })
    const client = await target.flowglad.client()
    expect((await client.checkoutSessions.retrieve(session.id)).checkoutSession).toMatchObject({
      successUrl: 'https://app.test/done?x=1#top',
      cancelUrl: 'http://app.test/c',
    })
  })
})

describe('checkout redirect targets with allowed origins', () => {
  it.each([
    ['another host', 'https://evil.test/s'],
    ['a host that only starts with the allowed one', 'https://app.test.evil.test/s'],
    ['another scheme', 'http://app.test/s'],
    ['another port', 'https://app.test:8443/s'],
    ['a backslash trick', 'https:\\\\evil.test/s'],
    ['a raw string that only normalises onto another host', ' https://evil.test\t/s'],
  ])('refuses %s with HTTP 400 and zero upstream requests', async (_case, url) => {
    const target = await app({ flowglad: { allowedRedirectOrigins: ['https://app.test'] } })
    const error = await checkoutError(target, { ...ok, successUrl: url })
    expect(error.data).toMatchObject({ httpStatus: 400, code: 'BAD_REQUEST' })
    expect(emulator.control.requests()).toEqual([])
  })

  it('accepts a URL whose normalised origin is allowed', async () => {
    const target = await app({ flowglad: { allowedRedirectOrigins: ['https://APP.test:443/ignored-path'] } })
    const session = await target
      .createClient(testUser())
      .flowglad.checkout.create.mutate({ priceSlug: 'pro_monthly', ...ok, successUrl: 'https://App.Test/s' })
    const client = await target.flowglad.client()
    expect((await client.checkoutSessions.retrieve(session.id)).checkoutSession.successUrl).toBe(
      'https://app.test/s',
    )
  })

  it('rejects an allowed origin that is not http(s) at startup', () => {
    expect(() =>
      createFlowglad({ apiKey: 'sk_test_x', allowedRedirectOrigins: ['javascript:alert(1)'] }),
    ).toThrow(/allowedRedirectOrigins/)
  })
})

describe('a production configuration never redirects anywhere silently', () => {
  it.each([
    ['a key with NODE_ENV=production', { environment: 'production' }],
    ['a live-mode key in development', { apiKey: 'sk_live_not_a_real_key', environment: 'development' }],
  ])(
    '%s without allowedRedirectOrigins: checkout fails with a message naming the option, before any upstream call',
    async (_case, flowglad) => {
      const target = await app({ flowglad })
      const error = await checkoutError(target, ok)
      expect(error.data).toMatchObject({ httpStatus: 500, code: 'INTERNAL_SERVER_ERROR' })
      expect(error.message).toContain('allowedRedirectOrigins')
      expect(emulator.control.requests()).toEqual([])
    },
  )

  it('a key with NODE_ENV=production and allowed origins creates the session', async () => {
    const target = await app({
      flowglad: { environment: 'production', allowedRedirectOrigins: ['https://app.test'] },
    })
    const session = await target
      .createClient(testUser())
      .flowglad.checkout.create.mutate({ priceSlug: 'pro_monthly', ...ok })
    expect(session.url).toMatch(/^https?:\/\//)
  })

  it('a key in development (e.g. the emulator or a test key) keeps any http(s) origin', async () => {
    const target = await app({ flowglad: { environment: 'development' } })
    const session = await target.createClient(testUser()).flowglad.checkout.create.mutate({
      priceSlug: 'pro_monthly',
      ...ok,
      successUrl: 'http://localhost:3000/s',
    })
    expect(session.id).toBeTruthy()
  })
})
