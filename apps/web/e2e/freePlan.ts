import { strict as assert } from 'node:assert'
import type { Journey } from './journeyContext'
import { readNumber, text } from './pageFields'

// The free plan as a new customer sees it: hydrated dashboard, credits, and the locked feature.

/** Step 4: the first dashboard (hydrated, free, analytics locked, refused on the server too); returns the free credits. */
export async function checkFreePlan(journey: Journey): Promise<number> {
  const { page, app, step, shot, measuredLoad, pages } = journey
  // 4. Dashboard, first load: hydrated from server components, free plan, gated section locked.
  await measuredLoad('dashboard (first load, free)', '/dashboard', () =>
    page.getByTestId('current-plan').waitFor(),
  )
  assert.equal(await text(page, 'current-plan'), 'Free')
  assert.equal(pages.at(-1)?.trpcRequests, 0, 'the dashboard paints from hydrated data, no /api/trpc request')
  await page.getByTestId('analytics-locked').waitFor()
  const freeBalance = await readNumber(page, 'usage-balance')
  assert.ok(freeBalance > 0, 'the free plan grants API call credits')
  await shot('03-dashboard-free')
  step(`dashboard shows the free plan, analytics locked, ${freeBalance} credits`)

  // The balance explains itself: the plan's allowance and when it resets, top-ups apart, a bar.
  assert.match(
    await text(page, 'usage-allowance'),
    /^Plan allowance: 100 of 100 left this period, resets [A-Z][a-z]{2} \d{1,2}, \d{4}$/,
  )
  assert.equal(await page.getByTestId('usage-top-up').count(), 0, 'no top-up credits yet')
  const bar = page.getByTestId('usage-bar')
  assert.deepEqual(
    [await bar.getAttribute('value'), await bar.getAttribute('max')],
    ['100', '100'],
    'the bar is full: 100 of 100 left',
  )
  step('the balance shows the allowance (100 of 100), its reset date and a full bar')

  // The gate is enforced on the server too: the plain download URL answers 403 with the refusal.
  const refused = await page.request.get(app('/api/reports/analytics'))
  assert.equal(refused.status(), 403)
  const { refusal } = (await refused.json()) as {
    refusal?: { reason?: string; unlockedBy?: { priceSlug?: string }[] }
  }
  assert.equal(refusal?.reason, 'feature_locked')
  assert.equal(refusal?.unlockedBy?.[0]?.priceSlug, 'pro_monthly')
  step('analytics export refused on the free plan (403; the refusal names the Pro price)')

  // The locked card names its plan and price up front, with the one action that unlocks it (no
  // export button that can only be refused).
  assert.match(await text(page, 'analytics-plan'), /come with Pro \(\$20 \/ month\)/)
  assert.equal(await text(page, 'unlock-analytics'), 'Unlock with Pro, $20 / month')
  assert.equal(await page.getByTestId('analytics-locked').getByTestId('export-analytics').count(), 0)
  assert.equal(await text(page, 'upgrade-pro'), 'Upgrade to Pro, $20 / month')
  await shot('04-locked-feature-card')
  step('the locked analytics card names its plan and price up front ("Unlock with Pro, $20 / month")')

  // The app's own router, stored in the app's database.
  await page.getByLabel('New note').fill('Ship the billing page')
  await page.getByRole('button', { name: 'Add' }).click()
  await page.getByTestId('note').filter({ hasText: 'Ship the billing page' }).waitFor()
  step("a note is saved through the app's own router")
  return freeBalance
}
