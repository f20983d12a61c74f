import { strict as assert } from 'node:assert'
import type { Page } from 'playwright-core'

// Reading what the user sees: fields are found by their `data-testid`.

/** The trimmed text of the element `testId`. */
export async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim()
}

/** Waits until a numeric field shows exactly `expected`. */
export async function waitForNumber(page: Page, testId: string, expected: number): Promise<void> {
  await page.waitForFunction(
    ([id, value]) =>
      document.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/[^0-9.-]/g, '') === value,
    [testId, String(expected)] as const,
  )
}

/** The number a field shows (separators and units dropped); fails unless it shows one. */
export async function readNumber(page: Page, testId: string): Promise<number> {
  const shown = await text(page, testId)
  const value = Number(shown.replace(/[^0-9.-]/g, ''))
  assert.ok(/\d/.test(shown) && Number.isFinite(value), `${testId} should show a number, got "${shown}"`)
  return value
}
