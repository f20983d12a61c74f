import { strict as assert } from 'node:assert'
import type { Journey } from './journeyContext'

// Managing the subscription from the dashboard: cancel and uncancel, invoices, the billing portal.

/** Step 7: cancel asks first (focus, Escape, Keep), shows a pending state without flicker; uncancel restores. */
export async function cancelAndUncancel(journey: Journey): Promise<void> {
  const { page, step, shot, measured } = journey
  // 7. Cancel (scheduled at period end), then uncancel.
  // Canceling asks first, and the question takes focus; Escape and "Keep" change nothing.
  const focused = (testId: string) =>
    page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId)
  await page.getByTestId('cancel-subscription').click()
  await page.getByTestId('cancel-confirm').waitFor()
  await focused('cancel-confirm')
  await shot('08-cancel-confirm')
  await page.keyboard.press('Escape')
  await page.getByTestId('cancel-subscription').waitFor()
  await focused('cancel-subscription')
  assert.equal(await page.getByTestId('cancel-confirm').count(), 0, 'Escape closes the question')
  await page.getByTestId('cancel-subscription').click()
  await page.getByTestId('keep-subscription').click()
  await page.getByTestId('cancel-subscription').waitFor()
  assert.equal(await page.getByTestId('cancellation-scheduled').count(), 0)
  await page.getByTestId('cancel-subscription').click()
  // Every text the plan's heading row shows from the confirming click on: "Canceling…", then the
  // scheduled cancellation, never "active" in between.
  await page.evaluate(`(() => {
    const row = document.querySelector('[data-testid="current-plan"]').parentElement
    window.__planRow = [row.textContent]
    new MutationObserver(() => window.__planRow.push(row.textContent)).observe(row, {
      subtree: true, childList: true, characterData: true,
    })
  })()`)
  await measured('action: cancel at period end (+ refetch)', async () => {
    await page.getByTestId('confirm-cancel').click()
    await page.getByTestId('cancellation-scheduled').waitFor()
  })
  const planRow = (await page.evaluate('window.__planRow')) as string[]
  const pendingAt = planRow.findIndex((shown) => shown.includes('Canceling…'))
  assert.ok(pendingAt >= 0, `a pending state while canceling: ${JSON.stringify(planRow)}`)
  assert.deepEqual(
    planRow.slice(pendingAt).filter((shown) => /active/.test(shown)),
    [],
    `no flicker back to "active": ${JSON.stringify(planRow)}`,
  )
  await shot('08-cancel-scheduled')
  await page.getByTestId('uncancel-subscription').click()
  await page.getByTestId('cancel-subscription').waitFor()
  step(
    'cancel asks (focus on the question, Escape closes it), shows "Canceling…" and never flickers back to "active"; uncancel restores it',
  )
}

/** Step 8: invoices listed, the billing portal opens on the emulator and links back. */
export async function visitBillingPortal(journey: Journey): Promise<void> {
  const { page, server, app, step, shot } = journey
  // 8. Invoices and billing portal.
  assert.ok((await page.getByTestId('invoice-row').count()) >= 1, 'the paid checkout produced an invoice')
  const portal = await page.getByTestId('billing-portal').getAttribute('href')
  assert.ok(portal?.startsWith(server().emulatorURL), `billing portal link points at the emulator: ${portal}`)
  await page.getByTestId('billing-portal').click()
  await page.waitForURL((url) => url.href.startsWith(server().emulatorURL))
  await page.waitForLoadState('load')
  await shot('09-billing-portal')
  // The portal links back to the app's dashboard (the app passes its return URL).
  await page.getByTestId('return-to-app').click()
  await page.waitForURL((url) => url.href === app('/dashboard'))
  await page.getByTestId('current-plan').waitFor()
  step('invoices listed, billing portal linked, and the portal links back to the dashboard')
}
