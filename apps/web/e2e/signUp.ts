import { strict as assert } from 'node:assert'
import type { Journey } from './journeyContext'
import { text } from './pageFields'

// Signed out to signed in: the pricing page, a plan chosen before sign-up, and its checkout.

/** Steps 1–3: pricing signed out, a plan button asks to sign up, the chosen plan's checkout opens after sign-up. */
export async function signUpFromPricing(journey: Journey): Promise<void> {
  const { page, user, server, step, shot, measuredLoad } = journey
  // 1. Pricing, signed out: rendered on the server from the default pricing model.
  await measuredLoad('pricing (signed out)', '/pricing', () => page.getByTestId('plan-pro').waitFor())
  assert.match(await text(page, 'plan-pro'), /Pro/)
  const freeCard = await text(page, 'plan-free')
  assert.match(freeCard, /\$0 \/ month/, 'the free plan shows its price')
  assert.equal(
    freeCard.match(/Free/g)?.length,
    1,
    `the Free card names "Free" once, not "Free / Free": ${freeCard}`,
  )
  assert.match(await text(page, 'plan-pro'), /\$20 \/ month/)
  await shot('01-pricing-signed-out')
  step('pricing page renders signed out (Free card reads "$0 / month", not "Free / Free")')

  // 2. A plan button signed out asks to sign in first.
  await page.getByTestId('choose-pro_monthly').click()
  await page.waitForURL(/\/sign-up/)
  step('choosing a plan signed out leads to sign-up')

  // 3. Sign up: Better Auth creates the user, the sign-up hook creates the Flowglad customer.
  await page.getByLabel('Name').fill(user.name)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await shot('02-sign-up')
  await page.getByRole('button', { name: 'Sign up' }).click()
  // The plan chosen before sign-up: its hosted checkout opens without a second click.
  await page.waitForURL((url) => url.href.startsWith(server().emulatorURL))
  await page.getByTestId('pay').waitFor()
  assert.match((await page.textContent('main')) ?? '', /Pro/)
  step('after sign-up, the checkout of the plan chosen signed out opens')
  // Not now: the hosted page's Cancel returns to pricing, signed in, still on the free plan.
  await page.getByRole('button', { name: 'Cancel' }).click()
  await page.waitForURL((url) => url.pathname === '/pricing' && url.search === '')
  await page.getByTestId('signed-in-as').waitFor()
  assert.match(await text(page, 'plan-free'), /Your current plan/)
  step('canceling that checkout returns to pricing, signed in, on Free')
}
