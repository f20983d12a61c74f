import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type AppServer, buildApp, freePort, startApp } from './appServer'
import { checkBrokenConfig } from './brokenConfig'
import { launchBrowser } from './browser'
import { runJourney } from './journey'
import { checkNoBillingCopies } from './noBillingCopies'
import { writeReport } from './report'

// The end-to-end journey in real Chromium against a production build of the app, on the
// emulator, with a fresh data directory. `E2E_SKIP_BUILD=1` reuses an existing `.next` build.
const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const repoRoot = resolve(appDir, '../..')
const screenshotsDir = join(repoRoot, 'artifacts/screenshots')
// Tests must not modify tracked files: a plain run reports into artifacts/ (git-ignored); only
// `pnpm bench` (bench/app/run.sh) points E2E_RESULTS_DIR at the tracked bench/app results.
const resultsDir = resolve(repoRoot, process.env.E2E_RESULTS_DIR ?? 'artifacts/e2e')

async function main(): Promise<void> {
  if (!process.env.E2E_SKIP_BUILD) await buildApp(appDir)
  const dataDir = await mkdtemp(join(tmpdir(), 'web-e2e-data-'))
  const options = { appDir, dataDir, port: await freePort(), emulatorPort: await freePort() }
  let server: AppServer = await startApp(options)
  const browser = await launchBrowser()
  const started = performance.now()
  try {
    const result = await runJourney({
      context: browser.context,
      server: () => server,
      restart: async () => {
        await server.stop()
        server = await startApp(options)
      },
      screenshotsDir,
    })
    await server.stop()
    const record = (step: string) => {
      console.info(`  ✓ ${step}`)
      result.steps.push(step)
    }
    record(await checkNoBillingCopies(dataDir))
    record(await checkBrokenConfig(browser.context, options, screenshotsDir))
    const seconds = (performance.now() - started) / 1000
    await writeReport(resultsDir, result, seconds)
    console.info(`\nJourney passed in ${seconds.toFixed(1)} s; figures in ${join(resultsDir, 'results.md')}`)
  } catch (error) {
    const page = browser.context.pages()[0]
    await page?.screenshot({ path: join(screenshotsDir, 'failure.png'), fullPage: true }).catch(() => {})
    console.error(`\nJourney failed on ${page?.url() ?? '?'}\n--- server log ---\n${server.log()}`)
    throw error
  } finally {
    await browser.close()
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
