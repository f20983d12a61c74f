// What both fixture journeys share: Debian's Chromium through playwright-core (resolved from
// apps/web), a fresh profile, the page's errors and tRPC requests recorded, named steps, and on
// failure the step, the URL and the page's HTML; the profile is removed either way.
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(new URL('../apps/web/package.json', import.meta.url))
const { chromium } = require('playwright-core')

/**
 * Runs `journey({ page, step, pageErrors, trpcRequests })` in a fresh Chromium; exits non-zero with
 * the failed step on any failure. `name` labels the output lines.
 */
export async function runFixtureJourney(name, journey) {
  const profile = await mkdtemp(join(tmpdir(), 'fixture-journey-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  context.setDefaultTimeout(30_000)
  const page = context.pages()[0] ?? (await context.newPage())
  const pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  const trpcRequests = []
  page.on('request', (request) => {
    const { pathname } = new URL(request.url())
    if (pathname.startsWith('/api/trpc/')) trpcRequests.push(pathname)
  })
  let current = 'start'
  const step = (label) => {
    current = label
    console.log(`  · ${label}`)
  }
  try {
    const summary = await journey({ page, step, pageErrors, trpcRequests })
    console.log(`ok ${name}: ${summary}`)
  } catch (error) {
    console.error(`FAIL ${name} at "${current}": ${error instanceof Error ? error.message : error}`)
    console.error(`  page: ${page.url()}`)
    console.error((await page.content().catch(() => '')).slice(0, 3000))
    process.exitCode = 1
  } finally {
    await context.close()
    await rm(profile, { recursive: true, force: true })
  }
}
