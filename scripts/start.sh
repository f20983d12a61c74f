#!/usr/bin/env bash
# `npm start`: from a fresh clone to the example app running on the local Flowglad emulator.
# Installs dependencies when needed, builds the library packages and the app (production
# build: the first page load is fast and nothing compiles on request), then serves it.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/ensure-pnpm.sh
PNPM=(pnpm)

# Install when node_modules is missing or older than the lockfile.
if [[ ! -f node_modules/.modules.yaml || pnpm-lock.yaml -nt node_modules/.modules.yaml ]]; then
  echo "› Installing dependencies"
  "${PNPM[@]}" install --frozen-lockfile
fi

echo "› Building the library packages"
if ! build_log=$("${PNPM[@]}" -r --filter './packages/*' build 2>&1); then
  echo "$build_log" >&2
  exit 1
fi

# Rebuild the app only when its sources or the packages' sources changed since the last build
# (package dist files are rewritten by every build above, so their sources are what counts).
build_id=apps/web/.next/BUILD_ID
if [[ ! -f "$build_id" ]] || [[ -n "$(find apps/web packages/*/src packages/*/package.json \
  \( -path '*/node_modules' -o -path 'apps/web/.next' -o -path 'apps/web/.data' -o -path 'apps/web/e2e' -o -path 'apps/web/test' \) -prune \
  -o -type f -newer "$build_id" -print -quit)" ]]; then
  echo "› Building the app (next build)"
  (cd apps/web && node_modules/.bin/next build)
fi

# Everything else (emulator port, data dir, Flowglad key) comes from the environment or
# apps/web/.env.local, with working defaults: see apps/web/.env.example.
PORT="${PORT:-3000}"
export PORT

cd apps/web
node_modules/.bin/next start --port "$PORT" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' INT TERM EXIT

for _ in $(seq 1 120); do
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://localhost:${PORT}/pricing"; then
    printf '\n  ✓ Ready: open http://localhost:%s\n    (billing: see the [startup] line above; Ctrl+C to stop)\n\n' "$PORT"
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "The app exited during startup; see the log above." >&2
    exit 1
  fi
  sleep 0.5
done
wait "$server"
