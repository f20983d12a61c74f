import { strict as assert } from 'node:assert'
import type { Page } from 'playwright-core'

// The journey's webhook steps (issue 18): the dashboard's activity feed is written by the app's
// webhook route from the emulator's deliveries, so it can trail the page by a delivery: reload
// until the lines are there (bounded).

/** Reloads the dashboard until the feed shows every line in `expected` (10 s at most). */
export async function expectActivity(
  page: Page,
  dashboardUrl: string,
  expected: string[],
): Promise<string[]> {
  const deadline = Date.now() + 10_000
  let lines: string[] = []
  for (;;) {
    await page.goto(dashboardUrl)
    await page.getByTestId('activity-feed').waitFor()
    lines = await page.getByTestId('activity-item').allInnerTexts()
    if (expected.every((text) => lines.some((line) => line.startsWith(text)))) return lines
    if (Date.now() > deadline)
      assert.fail(`activity feed ${JSON.stringify(lines)} lacks ${JSON.stringify(expected)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/**
 * Signed in as `user` on Pro: schedules the cancellation, moves the emulator's clock past the
 * period end (where Flowglad cancels and sends subscription.canceled), and checks the feed.
 */
export async function cancelAndExpectActivity(
  page: Page,
  app: (path: string) => string,
  emulatorURL: string,
  user: { email: string; password: string },
): Promise<string[]> {
  await page.goto(app('/dashboard'))
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByRole('link', { name: 'Sign in' }).waitFor()
  await page.goto(app('/sign-in?next=/dashboard'))
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/dashboard/)
  await page.getByTestId('cancel-subscription').click()
  await page.getByTestId('confirm-cancel').click()
  await page.getByTestId('cancellation-scheduled').waitFor()
  // The control API needs the emulator's key (the app's in-process emulator uses the default one).
  const advanced = await fetch(`${emulatorURL}/_emulator/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'sk_test_flowglad_emulator' },
    body: JSON.stringify({ days: 32 }),
  })
  assert.equal(advanced.status, 200, 'the emulator clock moves past the period end')
  return expectActivity(page, app('/dashboard'), ['Canceled Pro'])
}
