import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import type { AppServer } from './appServer'
import { countTrpcRequests, upstreamLog } from './metrics'

// What every step group of the journey shares: the tab, the app's URLs, the step log, the
// screenshots and the request figures. The groups live in files of one concern; `journey.ts`
// runs them in order.

/** Figures one page load produced. */
export interface PageFigures {
  page: string
  trpcRequests: number
  upstreamRequests: number
  upstreamPaths: string[]
}

/** How the journey reaches the app, and restarts it mid-way. */
export interface JourneyEnv {
  context: BrowserContext
  server: () => AppServer
  restart: () => Promise<void>
  screenshotsDir: string
}

/** The account the journey signs up with (fresh per run). */
export interface JourneyUser {
  name: string
  email: string
  password: string
}

/** The journey's tab and its recorders, handed to every step group. */
export interface Journey {
  page: Page
  user: JourneyUser
  /** The app server of the moment (a restart replaces it). */
  server: () => AppServer
  /** The app's URL of `path`. */
  app: (path: string) => string
  /** Logs a passed step. */
  step: (name: string) => void
  /** A full-page screenshot named `name`. */
  shot: (name: string) => Promise<unknown>
  /** Runs `act` and records the /api/trpc and upstream Flowglad requests it caused. */
  measured: (label: string, act: () => Promise<unknown>) => Promise<void>
  /** Loads a page from scratch, waits for `ready`, and records its requests. */
  measuredLoad: (label: string, path: string, ready: () => Promise<unknown>) => Promise<void>
  /** Figures recorded so far, in order. */
  pages: PageFigures[]
  steps: string[]
  /** Uncaught browser errors and console errors, except the refusals the journey provokes. */
  pageErrors: string[]
}

/** The gated procedures whose 403 answers the journey provokes on purpose (refusals). */
const GATED_PROCEDURES = ['usage.callApi', 'analytics.export']

/** Chromium's "Failed to load resource ... 403" for a gated procedure: a refusal, not a fault. */
function isGateRefusal(text: string, url: string): boolean {
  if (!text.includes('status of 403')) return false
  const { pathname } = new URL(url)
  return GATED_PROCEDURES.some((procedure) => pathname === `/api/trpc/${procedure}`)
}

/** Opens the journey's tab, collecting its errors and request figures. */
export async function openJourney({ context, server, screenshotsDir }: JourneyEnv): Promise<Journey> {
  const page = await context.newPage()
  // Any uncaught error in the browser (hydration mismatch, failed render) fails the journey.
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    // Every page's console errors, the emulator's hosted checkout and portal pages included, except
    // Chromium's network line for a gate's deliberate refusal (asserted step by step).
    if (message.type() !== 'error' || isGateRefusal(message.text(), message.location().url)) return
    pageErrors.push(`console: ${message.text()} (${message.location().url}, on ${page.url()})`)
  })
  const trpc = countTrpcRequests(context)
  const pages: PageFigures[] = []
  const steps: string[] = []
  const app = (path: string) => `${server().url}${path}`

  async function measured(label: string, act: () => Promise<unknown>): Promise<void> {
    const upstream = upstreamLog(server().emulatorURL)
    await upstream.clear()
    trpc.reset()
    await act()
    await page.waitForLoadState('networkidle')
    const log = await upstream.read()
    pages.push({
      page: label,
      trpcRequests: trpc.count(),
      upstreamRequests: log.length,
      upstreamPaths: log.map((entry) => `${entry.method} ${entry.path}`),
    })
  }

  return {
    page,
    user: { name: 'Ada Lovelace', email: `ada+${Date.now()}@example.com`, password: 'correct horse battery' },
    server,
    app,
    step: (name) => {
      steps.push(name)
      console.info(`  ✓ ${name}`)
    },
    shot: (name) => page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true }),
    measured,
    measuredLoad: (label, path, ready) =>
      measured(label, async () => {
        await page.goto(app(path))
        await ready()
      }),
    pages,
    steps,
    pageErrors,
  }
}
