import { strict as assert } from 'node:assert'
import type { Journey } from './journeyContext'
import { readNumber, text, waitForNumber } from './pageFields'
import { raceSpends, type SpendRace } from './spendRace'

// Spending credits: a parallel race for the whole balance, refusals, a top-up through checkout.

/** Steps 5–6: the spend race, the refusal and out-of-credits states, a top-up, then usage from it. */
export async function spendRaceAndTopUp(journey: Journey, freeBalance: number): Promise<void> {
  const { page, server, step, shot, measured, pages } = journey
  // 5. The race: parallel spends of the whole balance from the browser. Exactly one succeeds
  // (read-then-record lets all of them through); the balance ends at zero, never below.
  const parallel = 20
  let race: SpendRace | undefined
  await measured(`action: ${parallel} parallel spends of the whole balance (usage.callApi)`, async () => {
    race = await raceSpends(page, { parallel, calls: freeBalance })
  })
  assert.deepEqual(race?.otherFailures, [], 'every call either spent or was refused for lack of credits')
  assert.equal(race?.succeeded, 1, `exactly one of ${parallel} spends of ${freeBalance} succeeds`)
  assert.equal(race?.refused, parallel - 1)
  assert.ok((race?.lowestReportedBalance ?? 0) >= 0, 'no refusal saw a negative balance')
  const recorded = pages.at(-1)?.upstreamPaths.filter((path) => path === 'POST /api/v1/usage-events')
  assert.equal(recorded?.length, 1, 'one usage event for the successful spend, none for refusals')
  step(
    `race: ${parallel} parallel spends of all ${freeBalance} credits from the browser: 1 succeeds, ${parallel - 1} refused (never negative)`,
  )

  // 6. A refusal in the page (it still shows the balance from before the race): the card says what
  // happened and offers more credits once; no second prompt, no extra "Upgrade to Pro" button.
  assert.equal(await readNumber(page, 'usage-balance'), freeBalance, 'the page has not refetched yet')
  await page.getByTestId('consume-usage').click()
  await page.getByTestId('out-of-credits').waitFor()
  assert.match(await text(page, 'out-of-credits'), /Not enough API calls: 0 left, 10 needed\./)
  await waitForNumber(page, 'usage-balance', 0)
  assert.equal(await page.getByTestId('upgrade-prompt-insufficient_balance').count(), 0)
  assert.equal(await page.getByRole('button', { name: /Upgrade to Pro/ }).count(), 1, 'one "Upgrade to Pro"')
  assert.equal(await page.getByTestId('buy-top-up').count(), 1)
  step(
    'a refused spend: the card says "0 left, 10 needed" and offers more once (one "Upgrade to Pro" button)',
  )

  // Out of credits on arrival: the action says so before it is clicked, and offers the top-up and
  // the plan with their prices from the pricing model.
  await page.reload()
  assert.equal(await readNumber(page, 'usage-balance'), 0)
  const consume = page.getByTestId('consume-usage')
  assert.ok(await consume.isDisabled(), 'the action is disabled with no credits left')
  assert.equal(await text(page, 'consume-usage'), 'Not enough calls left for 10')
  assert.match(await text(page, 'out-of-credits'), /^Out of API calls: 0 left, 10 needed for the next run\./)
  assert.equal(await text(page, 'buy-top-up'), 'Buy 500 calls for $10')
  assert.equal(await text(page, 'upgrade-for-credits'), 'Pro: 1,000 calls every month, $20 / month')
  assert.equal(await page.getByRole('button', { name: /Upgrade to Pro/ }).count(), 1, 'one "Upgrade to Pro"')
  assert.match(await text(page, 'usage-allowance'), /^Plan allowance: 0 of 100 left this period, resets /)
  await shot('05-out-of-credits')
  step('out of credits before any click: the action says so, offering "500 calls for $10" and "$20 / month"')

  // The top-up: a one-off purchase through the hosted checkout, confirmed back on the dashboard.
  await page.getByTestId('buy-top-up').click()
  await page.waitForURL((url) => url.href.startsWith(server().emulatorURL))
  await page.getByTestId('pay').click()
  await page.waitForURL(/\/dashboard/)
  await page.getByTestId('payment-confirmation').waitFor()
  assert.match(
    await text(page, 'payment-confirmation'),
    /^Payment received: Credit Top-Up, \$10 once\. 500 API calls added; they do not expire\./,
  )
  assert.ok(!page.url().includes('paid='), 'the confirmation is shown once (the parameter is dropped)')
  const toppedUp = await readNumber(page, 'usage-balance')
  assert.equal(toppedUp, 500, `the top-up adds its 500 credits (0 → ${toppedUp})`)
  assert.match(await text(page, 'usage-top-up'), /^Top-up credits: 500 \(they do not expire/)
  assert.match(await text(page, 'usage-allowance'), /^Plan allowance: 0 of 100 left this period/)
  await shot('05b-top-up-confirmed')
  step(`credit top-up bought and confirmed: 0 → ${toppedUp} credits, shown apart from the allowance`)
  await measured('action: make 10 API calls (usage.callApi + refetch)', async () => {
    await page.getByTestId('consume-usage').click()
    await waitForNumber(page, 'usage-balance', toppedUp - 10)
  })
  step(`usage consumed: ${toppedUp} → ${toppedUp - 10} credits`)
}
