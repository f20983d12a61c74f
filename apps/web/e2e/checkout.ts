import { strict as assert } from 'node:assert'
import { expectActivity } from './activityFeed'
import type { Journey } from './journeyContext'
import { readNumber, text, waitForNumber } from './pageFields'

// Upgrading through Flowglad's hosted checkout: Pro from the locked card, and what it unlocks.

/** Pro bought from the locked analytics card; its webhooks, the export and usage on Pro. Returns the Pro balance. */
export async function upgradeToPro(journey: Journey): Promise<number> {
  const { page, server, app, step, shot, measuredLoad } = journey
  // The locked feature's prompt: Pro through checkout (Flowglad upgrades from the free plan by a
  // new subscription, never by adjusting the free one), back on the dashboard with analytics.
  await measuredLoad('pricing (signed in, free)', '/pricing', () => page.getByTestId('plan-pro').waitFor())
  assert.match(await text(page, 'plan-free'), /Your current plan/)
  await page.goto(app('/dashboard'))
  await page.getByTestId('unlock-analytics').click()
  await page.waitForURL((url) => url.href.startsWith(server().emulatorURL))
  await page.getByTestId('pay').waitFor()
  await shot('06-hosted-checkout')
  await page.getByTestId('pay').click()
  await page.waitForURL(/\/dashboard/)
  await page.getByTestId('analytics-unlocked').waitFor()
  assert.equal(await text(page, 'current-plan'), 'Pro')
  assert.match(
    await text(page, 'payment-confirmation'),
    /^Payment received: Pro, \$20 \/ month\. You are on Pro now: 1,000 API calls every period\./,
  )
  assert.match(await text(page, 'usage-allowance'), /of 1,000 left this period, resets /)
  await page.waitForLoadState('networkidle')
  await shot('07-dashboard-pro')
  step('Pro bought from the locked card and confirmed: dashboard on Pro, analytics unlocked')
  // Webhooks (issue 18): the feed shows the top-up and the upgrade, from the emulator's deliveries.
  await expectActivity(page, app('/dashboard'), ['Upgraded to Pro', 'Top-up: +500 calls'])
  step('activity feed after checkout: Upgraded to Pro, Top-up: +500 calls (from webhooks)')
  const csv = await page.request.get(app('/api/reports/analytics'))
  assert.equal(csv.status(), 200)
  assert.match(await csv.text(), /^day,signups/)
  step('analytics export allowed on Pro')

  // Usage on Pro through the app's own procedure: the balance goes down by exactly the calls made.
  const before = await readNumber(page, 'usage-balance')
  await page.getByTestId('consume-usage').click()
  await waitForNumber(page, 'usage-balance', before - 10)
  const proBalance = before - 10
  step(`usage consumed on Pro: ${before} → ${proBalance} credits`)
  return proBalance
}
