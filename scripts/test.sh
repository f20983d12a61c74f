#!/usr/bin/env bash
# The README's test command (`npm test`): from a fresh clone on a fresh Node 20 machine, installs
# what is missing, then runs every check CI runs: lint, types, build, unit + integration tests,
# package lint (publint, attw), fixture apps built from the packed packages, the tRPC version
# matrix, and the end-to-end journey in real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh

step() { printf '\n\033[1m› %s\033[0m\n' "$*"; }

step "install"
pnpm install --frozen-lockfile
# Flowglad's real server (the oracle) takes 2–4 min cold: start it now, in the background, for the
# conformance step near the end; stop it on the way out if this run started it.
step "oracle: starting Flowglad's server in the background"
bash scripts/test-oracle.sh --launch
trap 'bash scripts/test-oracle.sh --stop' EXIT
step "build packages"
pnpm build
step "lint"
pnpm lint
step "typecheck"
pnpm typecheck
step "unit and integration tests (vitest, against the in-process emulator)"
bash scripts/ensure-redis.sh
pnpm test:unit --reporter=default --reporter=json --outputFile.json=artifacts/vitest.json
step "package lint (publint + attw)"
pnpm -r --if-present lint:pkg
step "adoption: fixture apps from packed tarballs, built with no Flowglad key, rendered from the emulator"
bash scripts/check-fixtures.sh
step "tRPC version matrix: the oldest (11.7.0) and newest supported tRPC"
bash scripts/check-trpc-versions.sh
step "conformance: one suite against the emulator and against Flowglad's server (the oracle)"
bash scripts/test-oracle.sh
bash scripts/test-oracle.sh --stop # frees its ~3 GB before the browser journey (if this run started it)
step "end-to-end journey in Chromium"
bash scripts/ensure-chromium.sh
pnpm test:e2e

# One plain closing line for CI: vitest's counts (the e2e journey above fails the run on any failed step).
node -e 'const r = require("./artifacts/vitest.json"); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`)'
