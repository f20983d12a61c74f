import { strict as assert } from 'node:assert'
import type { Journey } from './journeyContext'
import { readNumber, text } from './pageFields'

// Durability: users, billing and the app's data survive a server restart (PGlite + the
// emulator's data file).

/** Step 10: restart the server, sign out and in again: still Pro with `balance` credits and the note. */
export async function restartKeepsEverything(
  journey: Journey,
  restart: () => Promise<void>,
  balance: number,
): Promise<void> {
  const { page, user, app, step } = journey
  // Leave the app first: while the server is deliberately down, the open tab's router prefetches
  // would fail with connection errors that say nothing about the app.
  await page.goto('about:blank')
  await restart()
  step('server restarted')
  await page.goto(app('/dashboard'))
  await page.getByTestId('signed-in-as').waitFor()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByRole('link', { name: 'Sign in' }).waitFor()
  await page.goto(app('/sign-in?next=/dashboard'))
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/dashboard/)
  assert.equal(await text(page, 'current-plan'), 'Pro')
  await page.getByTestId('analytics-unlocked').waitFor()
  assert.equal(await readNumber(page, 'usage-balance'), balance)
  await page.getByTestId('note').filter({ hasText: 'Ship the billing page' }).waitFor()
  step('after restart, sign out and in: still Pro, balance and notes kept')
}
