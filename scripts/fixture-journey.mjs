// The getting-started fixture in a real browser (Debian's Chromium through playwright-core):
// sign in, the hydrated dashboard, a metered call, a gated call refused, checkout on the
// emulator's hosted page, back on the dashboard upgraded, the gated call allowed.
//   node scripts/fixture-journey.mjs <app URL>
// Run by scripts/check-fixtures.sh; exits non-zero with the failed step on any failure.
import { strict as assert } from 'node:assert'
import { runFixtureJourney } from './fixtureBrowser.mjs'

const appUrl = process.argv[2]
if (!appUrl) throw new Error('usage: node scripts/fixture-journey.mjs <app URL>')

await runFixtureJourney('fixture journey', async ({ page, step, pageErrors, trpcRequests }) => {
  step('pricing page renders every plan on the server, with its price')
  const pricing = await (await fetch(`${appUrl}/pricing`)).text()
  for (const marker of ['data-product="pro"', 'data-product="free"', '$20.00']) {
    assert.ok(pricing.includes(marker), `the server-rendered pricing page lacks ${marker}`)
  }

  step('checkout while signed out is an error on the page, not an unhandled rejection')
  await page.goto(`${appUrl}/pricing`)
  await page.locator('[data-choose="pro_monthly"]').click()
  await page.locator('[data-checkout-error]').waitFor()
  assert.match(await page.locator('[data-checkout-error]').innerText(), /sign|customer|UNAUTHORIZED/i)

  step('sign in: the dashboard starts hydrated (no tRPC request), on Free with 100 calls')
  await page.goto(appUrl)
  await page.fill('input[name="name"]', `Ada ${Date.now()}`)
  trpcRequests.length = 0
  await Promise.all([page.waitForURL('**/dashboard'), page.click('button[type="submit"]')])
  await page.locator('[data-balance]').waitFor()
  assert.equal(await page.locator('[data-plan]').getAttribute('data-plan'), 'free')
  assert.equal(await page.locator('[data-balance]').getAttribute('data-balance'), '100')
  assert.deepEqual(trpcRequests, [], 'the hydrated dashboard fetched on first load')

  step('a metered call spends one credit and the balance refreshes')
  await page.getByRole('button', { name: /Call the API/ }).click()
  await page.locator('[data-balance="99"]').waitFor()

  step('the gated export is refused on Free, naming the plan that unlocks it')
  await page.getByRole('button', { name: 'Export report' }).click()
  await page.locator('[data-refusal="feature_locked"]').waitFor()
  assert.match(await page.locator('[data-refusal]').innerText(), /Pro/)

  step("checkout: Pricing → the emulator's hosted page → pay → back on the dashboard, upgraded")
  await page.goto(`${appUrl}/pricing`)
  await Promise.all([
    page.waitForURL((url) => !url.href.startsWith(appUrl)),
    page.locator('[data-choose="pro_monthly"]').click(),
  ])
  await page.locator('[data-testid="pay"], form[action$="/pay"] button').first().click()
  await page.waitForURL(`${appUrl}/dashboard?checkout=success`)
  await page.locator('[data-plan="pro"]').waitFor()

  step('the gated export now runs')
  await page.getByRole('button', { name: 'Export report' }).click()
  await page.locator('[data-report="42"]').waitFor()

  assert.deepEqual(pageErrors, [], 'the pages threw')
  return 'signed in, metered, gated, paid, unlocked'
})
