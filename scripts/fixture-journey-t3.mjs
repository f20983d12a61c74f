// The T3 fixture (fixtures/t3-classic-zod3: classic @trpc/react-query, one billed account, no auth)
// in a real browser (Debian's Chromium through playwright-core): the server-rendered markers, the
// hydrated home page, a metered call, a gated call refused, checkout on the emulator's hosted page,
// back home upgraded, the gated call allowed.
//   node scripts/fixture-journey-t3.mjs <app URL>
// Run by scripts/check-fixtures.sh; exits non-zero with the failed step on any failure.
import { strict as assert } from 'node:assert'
import { runFixtureJourney } from './fixtureBrowser.mjs'

const appUrl = process.argv[2]
if (!appUrl) throw new Error('usage: node scripts/fixture-journey-t3.mjs <app URL>')

await runFixtureJourney('fixture journey (T3)', async ({ page, step, pageErrors, trpcRequests }) => {
  step('home renders pricing, the plan and the hydrated balance on the server')
  const html = await (await fetch(appUrl)).text()
  for (const marker of ['data-product="pro"', 'data-current-plan="free"', 'data-client-balance="100"']) {
    assert.ok(html.includes(marker), `the server-rendered home page lacks ${marker}`)
  }

  step('the home page starts hydrated (no tRPC request), on Free with 100 calls')
  trpcRequests.length = 0
  await page.goto(appUrl)
  await page.locator('[data-plan]').waitFor()
  assert.equal(await page.locator('[data-plan]').getAttribute('data-plan'), 'free')
  assert.equal(await page.locator('[data-client-balance]').getAttribute('data-client-balance'), '100')
  assert.deepEqual(trpcRequests, [], 'the hydrated home page fetched on first load')

  step('a metered call spends one credit and the balance refreshes')
  await page.getByRole('button', { name: /Call the API/ }).click()
  await page.locator('[data-client-balance="99"]').waitFor()

  step('the gated export is refused on Free, naming the plan that unlocks it')
  await page.getByRole('button', { name: 'Export report' }).click()
  await page.locator('[data-refusal="feature_locked"]').waitFor()
  assert.match(await page.locator('[data-refusal]').textContent(), /Pro/)

  step("checkout: Choose Pro → the emulator's hosted page → pay → back home, upgraded")
  await Promise.all([
    page.waitForURL((url) => !url.href.startsWith(appUrl)),
    page.getByRole('button', { name: 'Choose Pro' }).click(),
  ])
  await page.locator('[data-testid="pay"], form[action$="/pay"] button').first().click()
  await page.waitForURL(`${appUrl}/?checkout=success`)
  await page.locator('[data-plan="pro"]').waitFor()
  await page.locator('[data-current-plan="pro"]').waitFor()

  step('the gated export now runs')
  await page.getByRole('button', { name: 'Export report' }).click()
  await page.locator('[data-report="42"]').waitFor()

  assert.deepEqual(pageErrors, [], 'the page threw')
  return 'hydrated, metered, gated, paid, unlocked'
})
