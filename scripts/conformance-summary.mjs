// Per-target counts of the two-target conformance suite, from vitest's JSON reports:
//   node scripts/conformance-summary.mjs emulator=artifacts/conformance-emulator.json oracle=…
// A test named with `[expected to differ on <target>: <reason>]` (conformanceTest's `differs`)
// runs as `it.fails`: it counts as "expected to differ" when it failed there, and as failed when
// it passed (the difference is gone: drop the marker).
import { readFileSync } from 'node:fs'

const MARKER = /\[expected to differ on ([a-z]+): (.*)\]$/
let failedAnywhere = false
for (const argument of process.argv.slice(2)) {
  const [target, file] = argument.split('=')
  const report = JSON.parse(readFileSync(file, 'utf8'))
  const counts = { passed: 0, differs: 0, failed: 0, skipped: 0 }
  const reasons = []
  const failures = []
  for (const suite of report.testResults) {
    if (suite.status === 'failed' && suite.assertionResults.length === 0)
      failures.push(`${suite.name}: ${suite.message || 'the file failed to load'}`)
    for (const test of suite.assertionResults) {
      const marker = test.title.match(MARKER)
      if (test.status === 'passed' && marker) {
        counts.differs += 1
        reasons.push(`${test.title.replace(MARKER, '').trim()} — ${marker[2]}`)
      } else if (test.status === 'passed') counts.passed += 1
      else if (test.status === 'failed') {
        counts.failed += 1
        failures.push(test.fullName)
      } else counts.skipped += 1
    }
  }
  if (counts.failed > 0 || failures.length > 0) failedAnywhere = true
  const total = counts.passed + counts.differs + counts.failed + counts.skipped
  console.log(
    `\n[conformance] ${target}: ${counts.passed} passed, ${counts.differs} expected to differ, ${counts.failed} failed, ${counts.skipped} skipped (${total} tests)`,
  )
  for (const reason of reasons) console.log(`  differs: ${reason}`)
  for (const failure of failures) console.log(`  FAILED: ${failure}`)
}
process.exitCode = failedAnywhere ? 1 : 0
