import { strict as assert } from 'node:assert'
import type { Journey } from './journeyContext'
import { readNumber } from './pageFields'

// Bad input to the app's own procedures: a 400 that names the issue, and nothing changes.

/** Step 9: a negative call count is a 400 with the zod issues, and the balance stays `balance`. */
export async function rejectBadInput(journey: Journey, balance: number): Promise<void> {
  const { page, app, step } = journey
  const bad = await page.request.post(app('/api/trpc/usage.callApi'), { data: { json: { calls: -5 } } })
  assert.equal(bad.status(), 400)
  assert.match(await bad.text(), /calls/)
  assert.equal(await readNumber(page, 'usage-balance'), balance)
  step('bad input to the app procedure answers 400 with the issues')
}
