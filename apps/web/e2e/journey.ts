import { strict as assert } from 'node:assert'
import { mkdir } from 'node:fs/promises'
import { cancelAndExpectActivity } from './activityFeed'
import { rejectBadInput } from './badInput'
import { upgradeToPro } from './checkout'
import { spendRaceAndTopUp } from './credits'
import { switchCustomer } from './customerSwitch'
import { type ContentTimings, measureFigures } from './figures'
import { checkFreePlan } from './freePlan'
import { type JourneyEnv, openJourney, type PageFigures } from './journeyContext'
import { cancelAndUncancel, visitBillingPortal } from './manageSubscription'
import { restartKeepsEverything } from './restart'
import { signUpFromPricing } from './signUp'

// The user journey in order. Each step group is a file of one concern, asserting what the user
// sees; this file only says in which order they run and what one hands the next.

/** What the journey hands back to the reporter. */
export interface JourneyResult {
  pages: PageFigures[]
  steps: string[]
  timings: ContentTimings
}

/** The whole user journey, asserting what the user sees at every step. */
export async function runJourney(env: JourneyEnv): Promise<JourneyResult> {
  await mkdir(env.screenshotsDir, { recursive: true })
  const journey = await openJourney(env)
  const { page, app, user, step, shot, measured, pages, steps, pageErrors } = journey

  await signUpFromPricing(journey) // 1–3
  const freeBalance = await checkFreePlan(journey) // 4
  await spendRaceAndTopUp(journey, freeBalance) // 5–6
  const proBalance = await upgradeToPro(journey)
  await cancelAndUncancel(journey) // 7
  await visitBillingPortal(journey) // 8
  await rejectBadInput(journey, proBalance) // 9
  await restartKeepsEverything(journey, env.restart, proBalance) // 10
  const timings = await measureFigures(journey)

  // 11. Another user in the same tab: never a frame of the first user's billing.
  await page.goto(app('/dashboard'))
  await page.getByTestId('current-plan').waitFor()
  await measured('switch user: sign out, sign up, dashboard', async () =>
    step(
      await switchCustomer(
        page,
        { plan: 'Pro', balance: proBalance.toLocaleString('en-US') },
        { plan: 'Free', balance: 100 },
      ),
    ),
  )
  await shot('11-dashboard-second-user')

  // Webhooks (issue 18): the first user cancels; at the period end the feed shows it.
  await cancelAndExpectActivity(page, app, journey.server().emulatorURL, user)
  step('activity feed after cancel: Canceled Pro (from webhooks, at the period end)')
  assert.deepEqual(pageErrors, [], 'no uncaught errors in the browser')
  return { pages, steps, timings }
}
