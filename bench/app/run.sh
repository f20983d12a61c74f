#!/usr/bin/env bash
# The example app's figures (requests per page, hydrated vs client-rendered dashboard) come from
# the end-to-end journey in Chromium: it builds the app, measures, and writes results.md/json here.
# (A plain `pnpm test:e2e` writes its figures to artifacts/e2e instead: tests leave tracked files alone.)
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/ensure-chromium.sh
E2E_RESULTS_DIR=bench/app exec pnpm --filter web test:e2e
