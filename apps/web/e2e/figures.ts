import { strict as assert } from 'node:assert'
import type { Page } from 'playwright-core'
import type { Journey } from './journeyContext'
import { text } from './pageFields'

// The figures the report publishes: requests per page load (server-rendered and hydrated against
// the client-rendered baseline) and the time until the plan is on screen.

/** Median time from navigation to the plan being on screen, over several loads. */
export interface ContentTimings {
  samples: number
  hydratedMs: number
  clientRenderedMs: number
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** Milliseconds from `goto` until the current plan is visible (the data the page exists for). */
async function timeToPlan(page: Page, url: string): Promise<number> {
  const started = performance.now()
  await page.goto(url)
  await page.getByTestId('current-plan').waitFor()
  return performance.now() - started
}

/** Signed in on Pro: records the loads of the dashboard (both variants) and pricing, then times them. */
export async function measureFigures(journey: Journey): Promise<ContentTimings> {
  const { page, app, step, shot, measuredLoad } = journey
  await measuredLoad('dashboard (first load, pro)', '/dashboard', () =>
    page.getByTestId('current-plan').waitFor(),
  )
  await measuredLoad('dashboard (client-rendered baseline)', '/dashboard/client', () =>
    page.getByTestId('current-plan').waitFor(),
  )
  await measuredLoad('pricing (signed in, pro)', '/pricing', () => page.getByTestId('plan-pro').waitFor())
  assert.match(await text(page, 'plan-pro'), /Your current plan/)
  await shot('10-pricing-signed-in')
  // Alternate the two variants so drift (caches warming, CPU) affects both alike.
  const samples = 7
  const hydrated: number[] = []
  const clientRendered: number[] = []
  for (let i = 0; i < samples; i++) {
    hydrated.push(await timeToPlan(page, app('/dashboard')))
    clientRendered.push(await timeToPlan(page, app('/dashboard/client')))
  }
  step('figures measured')
  return { samples, hydratedMs: median(hydrated), clientRenderedMs: median(clientRendered) }
}
