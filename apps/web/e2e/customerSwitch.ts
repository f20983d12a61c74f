import { strict as assert } from 'node:assert'
import type { Page } from 'playwright-core'

/** Billing values the first user's dashboard showed, which the second user must never see. */
export interface PreviousCustomer {
  plan: string
  balance: string
}

/**
 * Records every value the plan and balance fields take, from the first parsed byte of a document
 * (init script) and across client-side navigations (the observer lives as long as the document):
 * a frame that showed the previous customer's billing for a moment is caught, not only the end state.
 * A string, not a function: the test runner's transpiler would add helpers the page doesn't have.
 */
const WATCH_BILLING_FIELDS = `(() => {
  if (window.__billingSeen) return
  const seen = (window.__billingSeen = [])
  const record = () => {
    for (const id of ['current-plan', 'usage-balance']) {
      for (const element of document.querySelectorAll('[data-testid="' + id + '"]')) {
        const value = id + '=' + (element.textContent ?? '').trim()
        if (seen.at(-1) !== value) seen.push(value)
      }
    }
  }
  new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true })
  record()
})()`

/**
 * Signs the current user out and a new one up in the same tab (client-side navigation, so the
 * QueryClient and its cache survive), then proves the dashboard shows only the new customer's
 * billing: the default free plan with its credits, at every frame, not only once it settles.
 */
export async function switchCustomer(
  page: Page,
  previous: PreviousCustomer,
  expected: { plan: string; balance: number },
): Promise<string> {
  await page.addInitScript({ content: WATCH_BILLING_FIELDS })
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByRole('link', { name: 'Sign up' }).waitFor()
  await page.evaluate(WATCH_BILLING_FIELDS)

  await page.getByRole('link', { name: 'Sign up' }).click()
  await page.getByLabel('Name').fill('Grace Hopper')
  await page.getByLabel('Email').fill(`grace+${Date.now()}@example.com`)
  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await page.waitForURL(/\/dashboard/)
  await page.getByTestId('current-plan').waitFor()
  await page.waitForLoadState('networkidle')

  assert.equal((await page.getByTestId('current-plan').textContent())?.trim(), expected.plan)
  assert.equal((await page.getByTestId('usage-balance').textContent())?.trim(), String(expected.balance))
  const seen = (await page.evaluate('window.__billingSeen')) as string[]
  const leaked = seen.filter(
    (value) => value === `current-plan=${previous.plan}` || value === `usage-balance=${previous.balance}`,
  )
  assert.deepEqual(leaked, [], `the new user saw the previous customer's billing: ${seen.join(', ')}`)
  assert.equal(
    await page.getByTestId('note').count(),
    0,
    "the new user sees none of the previous user's notes",
  )
  return `sign out, sign up as another user in the same tab: ${expected.plan} plan and ${expected.balance} credits in every frame, none of the first user's billing or notes`
}
