#!/usr/bin/env bash
# The example app's figures (requests per page, hydrated vs client-rendered dashboard) come from
# the end-to-end journey in Chromium: it builds the app, measures, and writes results.md/json here.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/ensure-chromium.sh
exec pnpm --filter web test:e2e
