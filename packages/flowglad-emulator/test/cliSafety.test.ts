import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import Flowglad from '@flowglad/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningCli, spawnCli, startCli } from './support/startCli'

// Issue 16, items 1 and 2, through the CLI over real HTTP: a page on another site can do nothing to
// a running emulator, an unauthenticated or oversized body is never buffered, fault patterns cannot
// backtrack, and hosted pages leak nothing and send the browser only where the app said.

let cli: RunningCli
let client: Flowglad
const APP = 'http://127.0.0.1:3999'

beforeAll(async () => {
  cli = await startCli([
    '--port',
    '0',
    '--max-body',
    '4096',
    '--app-origin',
    APP,
    '--merchant-name',
    'Acme Inc',
  ])
  client = new Flowglad({ apiKey: cli.key, baseURL: cli.url, maxRetries: 0 })
  await client.customers.create({ customer: { externalId: 'ann', email: 'ann@example.com', name: 'Ann' } })
}, 60_000)
afterAll(() => {
  cli?.child.kill('SIGKILL')
})

const customerExists = async () =>
  client.customers.retrieve('ann').then(
    () => true,
    () => false,
  )

const control = (path: string, init: RequestInit = {}) => fetch(`${cli.url}/_emulator/${path}`, init)

/** Resident memory of the emulator process, from /proc. */
function rssBytes(): number {
  const status = readFileSync(`/proc/${cli.child.pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) * 1024
}

/** Streams `total` bytes to `path` with backpressure; stops at the first answer or socket error. */
function streamBody(path: string, total: number, headers: Record<string, string>) {
  return new Promise<{ status: number | null; written: number }>((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let written = 0
    let done = false
    const finish = (status: number | null) => {
      if (done) return
      done = true
      req.destroy()
      resolve({ status, written })
    }
    const req = httpRequest(`${cli.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(total), ...headers },
    })
    req.on('response', (res) => {
      res.resume()
      finish(res.statusCode ?? null)
    })
    req.on('error', () => finish(null))
    const pump = () => {
      while (!done && written < total) {
        written += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!done) req.end()
    }
    pump()
  })
}

describe('control API: a cross-site request can do nothing', { timeout: 60_000 }, () => {
  it('a cross-site text/plain POST to /_emulator/reset, with or without the key, resets nothing', async () => {
    const attacks: RequestInit[] = [
      // What any web page can send with no preflight: a "simple" cross-origin POST.
      {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      },
      { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } },
      // The default key is public; a page that sends it from its own origin is still refused.
      {
        method: 'POST',
        body: '{}',
        headers: {
          'content-type': 'application/json',
          origin: 'https://evil.example',
          authorization: cli.key,
        },
      },
      {
        method: 'POST',
        body: '{}',
        headers: {
          'content-type': 'application/json',
          'sec-fetch-site': 'cross-site',
          authorization: cli.key,
        },
      },
      // With the key but not JSON (a form or text/plain body): refused.
      { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain', authorization: cli.key } },
    ]
    for (const init of attacks) {
      const response = await control('reset', init)
      expect([400, 401, 403]).toContain(response.status)
      expect(await customerExists()).toBe(true)
    }
    // A DNS-rebinding page calls the emulator under its own host name, same-origin to the browser.
    const rebound = await new Promise<number | undefined>((resolve, reject) => {
      httpRequest(`${cli.url}/_emulator/state`, {
        headers: { host: 'evil.example:7777', authorization: cli.key },
      })
        .on('response', (res) => {
          res.resume()
          resolve(res.statusCode)
        })
        .on('error', reject)
        .end()
    })
    expect(rebound).toBe(403)
    // Reads need the key too: the state dump holds customers' emails.
    expect((await control('state')).status).toBe(401)
    const state = await control('state', { headers: { authorization: cli.key } })
    expect(state.status).toBe(200)
    expect(JSON.stringify(await state.json())).toContain('ann@example.com')
  })

  it('a fault pattern cannot backtrack: a regular expression is refused, a glob matches in linear time', async () => {
    const headers = { 'content-type': 'application/json', authorization: cli.key }
    const regex = await control('faults', {
      method: 'POST',
      headers,
      body: JSON.stringify({ match: { pathPattern: '^(a+)+$' }, status: 503, times: 5 }),
    })
    expect(regex.status).toBe(400)
    const glob = await control('faults', {
      method: 'POST',
      headers,
      body: JSON.stringify({ match: { pathGlob: '/api/v1/customers/*/billing' }, status: 503, times: 1 }),
    })
    expect(glob.status).toBe(200)
    await expect(client.customers.retrieve('ann')).resolves.toBeDefined()
    await expect(client.customers.retrieveBilling('ann')).rejects.toMatchObject({ status: 503 })
    // The input a backtracking pattern chokes on is answered (a stalled event loop would time out).
    const slow = await control('faults', {
      method: 'POST',
      headers,
      body: JSON.stringify({ match: { pathGlob: `/${'*a'.repeat(500)}b` }, status: 503, times: 1 }),
    })
    expect(slow.status).toBe(200)
    await fetch(`${cli.url}/api/v1/customers/${'a'.repeat(1500)}`, { headers: { authorization: cli.key } })
    await control('faults', { method: 'DELETE', headers: { authorization: cli.key } })
  })
})

describe('request bodies: capped while read, the key checked first', { timeout: 120_000 }, () => {
  it('an unauthenticated 64 MB POST is refused before its body is read', async () => {
    const before = rssBytes()
    const total = 64 * 1024 * 1024
    const result = await streamBody('/api/v1/customers', total, {})
    // 401 before the body, or the socket closed under the writer: either way most of it never went in.
    if (result.status !== null) expect(result.status).toBe(401)
    expect(result.written).toBeLessThan(total)
    expect(rssBytes() - before).toBeLessThan(24 * 1024 * 1024)
    expect(await customerExists()).toBe(true)
  })

  it('an authenticated body over --max-body is a 413 and creates nothing; one under it works', async () => {
    const big = await streamBody('/api/v1/customers', 64 * 1024 * 1024, { authorization: cli.key })
    if (big.status !== null) expect(big.status).toBe(413)
    const padded = (size: number, externalId: string) =>
      JSON.stringify({
        customer: { externalId, email: `${externalId}@example.com`, name: 'x'.repeat(size) },
      })
    const over = await fetch(`${cli.url}/api/v1/customers`, {
      method: 'POST',
      headers: { authorization: cli.key, 'content-type': 'application/json' },
      body: padded(5000, 'too_big'),
    })
    expect(over.status).toBe(413)
    expect(await over.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
    await expect(client.customers.retrieve('too_big')).rejects.toMatchObject({ status: 404 })
    const under = await fetch(`${cli.url}/api/v1/customers`, {
      method: 'POST',
      headers: { authorization: cli.key, 'content-type': 'application/json' },
      body: padded(3000, 'fits'),
    })
    expect(under.status).toBe(200)
  })
})

describe('hosted pages leak nothing', { timeout: 60_000 }, () => {
  it('the portal opens only through the signed link billing hands out', async () => {
    const { billingPortalUrl } = await client.customers.retrieveBilling('ann')
    const signed = new URL(billingPortalUrl)
    expect(signed.pathname).toBe('/portal/ann')
    expect(signed.searchParams.get('signature')).toBeTruthy()
    const ok = await fetch(signed)
    expect(ok.status).toBe(200)
    const html = await ok.text()
    expect(html).toContain('ann@example.com')
    expect(html).toContain('Acme Inc')

    const forged = new URL(signed)
    forged.searchParams.set('expires', String(Number(signed.searchParams.get('expires')) + 86_400))
    const otherCustomer = new URL(signed)
    otherCustomer.pathname = '/portal/bob'
    for (const url of [`${cli.url}/portal/ann`, forged, otherCustomer]) {
      const response = await fetch(url)
      expect(response.status).toBe(403)
      expect(await response.text()).not.toContain('ann@example.com')
    }
    // The portal's actions need the signature too.
    const cancel = await fetch(`${cli.url}/portal/ann/cancel`, { method: 'POST', redirect: 'manual' })
    expect(cancel.status).toBe(403)
  })

  it('a javascript: successUrl is accepted (as Flowglad does) but never becomes a Location', async () => {
    await client.customers.create({ customer: { externalId: 'eve', email: 'eve@example.com', name: 'Eve' } })
    const { url, checkoutSession } = await client.checkoutSessions.create({
      checkoutSession: {
        type: 'product',
        customerExternalId: 'eve',
        priceSlug: 'credit_top_up_once',
        successUrl: 'javascript:alert(document.cookie)',
        cancelUrl: 'https://evil.example/phish',
      },
    })
    const cancel = await fetch(`${url}/cancel`, { method: 'POST', redirect: 'manual' })
    expect(cancel.headers.get('location')).toBeNull()
    expect(await cancel.text()).toContain('https://evil.example/phish')
    const pay = await fetch(`${url}/pay`, { method: 'POST', redirect: 'manual' })
    expect(pay.status).toBe(200)
    expect(pay.headers.get('location')).toBeNull()
    const html = await pay.text()
    expect(html).toContain('Payment complete')
    expect(html).not.toContain('href="javascript:')
    expect((await client.checkoutSessions.retrieve(checkoutSession.id)).checkoutSession.status).toBe(
      'succeeded',
    )
  })

  it('after Pay, the browser goes to successUrl; Cancel follows only trusted origins', async () => {
    await client.customers.create({ customer: { externalId: 'cat', email: 'cat@example.com', name: 'Cat' } })
    const open = (cancelUrl: string) =>
      client.checkoutSessions.create({
        checkoutSession: {
          type: 'product',
          customerExternalId: 'cat',
          priceSlug: 'credit_top_up_once',
          successUrl: 'https://shop.example/thanks',
          cancelUrl,
        },
      })
    const sameSite = await open('https://shop.example/cart')
    const back = await fetch(`${sameSite.url}/cancel`, { method: 'POST', redirect: 'manual' })
    expect(back.status).toBe(303)
    expect(back.headers.get('location')).toBe('https://shop.example/cart')
    const appOrigin = await open(`${APP}/pricing`)
    const toApp = await fetch(`${appOrigin.url}/cancel`, { method: 'POST', redirect: 'manual' })
    expect(toApp.headers.get('location')).toBe(`${APP}/pricing`)
    const paid = await fetch(`${sameSite.url}/pay`, { method: 'POST', redirect: 'manual' })
    expect(paid.status).toBe(303)
    expect(paid.headers.get('location')).toBe('https://shop.example/thanks')
  })

  it('the portal links back only to an --app-origin address, and shows any other', async () => {
    const { billingPortalUrl } = await client.customers.retrieveBilling('ann')
    const withReturn = (returnUrl: string) => {
      const url = new URL(billingPortalUrl)
      url.searchParams.set('return_url', returnUrl)
      return fetch(url).then((response) => response.text())
    }
    expect(await withReturn(`${APP}/dashboard`)).toContain(
      `<a href="${APP}/dashboard" data-testid="return-to-app">`,
    )
    const foreign = await withReturn('https://evil.example/steal')
    expect(foreign).not.toContain('href="https://evil.example')
    expect(foreign).toContain('https://evil.example/steal')
  })
})

describe('flags', { timeout: 60_000 }, () => {
  it('--help lists every flag and the exit codes; a bad value exits 1 naming the flag', async () => {
    const help = spawnCli(['--help'])
    expect(await help.exited).toBe(0)
    for (const flag of [
      '--pricing',
      '--port',
      '--host',
      '--data',
      '--api-key',
      '--app-origin',
      '--max-body',
      '--merchant-name',
    ])
      expect(help.output()).toContain(flag)
    expect(help.output()).toContain('Exit codes:')
    const bad = spawnCli(['--max-body', 'lots'])
    expect(await bad.exited).toBe(1)
    expect(bad.output()).toContain('--max-body must be')
    const origin = spawnCli(['--port', '0', '--app-origin', 'javascript:alert(1)'])
    expect(await origin.exited).toBe(1)
    expect(origin.output()).toContain('App origin must be an http(s) URL')
  })
})
