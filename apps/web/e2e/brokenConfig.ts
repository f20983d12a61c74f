import { strict as assert } from 'node:assert'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { type AppServerOptions, startApp } from './appServer'

/** A broken setting is explained on the page and in the log, not a blank screen. */
export async function checkBrokenConfig(
  context: BrowserContext,
  options: AppServerOptions,
  screenshotsDir: string,
): Promise<string> {
  const server = await startApp({ ...options, env: { FLOWGLAD_EMULATOR_PORT: 'not-a-port' } })
  try {
    const page = await context.newPage()
    await page.goto(`${server.url}/pricing`)
    const alert = page.getByTestId('config-problem')
    await alert.waitFor()
    assert.match((await alert.textContent()) ?? '', /FLOWGLAD_EMULATOR_PORT must be a port number/)
    await page.screenshot({ path: join(screenshotsDir, '10-broken-config.png'), fullPage: true })
    await page.close()
    assert.match(server.log(), /\[config\] FLOWGLAD_EMULATOR_PORT must be a port number/)
    return 'a broken setting is explained on the page and in the log'
  } finally {
    await server.stop()
  }
}
